-- One load attempt (SPEC 3): what the file was, what it held and what became of it.
insert into load_history by name
select
    $load_id as load_id,
    $file_name as file_name,
    $content_hash as content_hash,
    $kind as kind,
    $rows as rows,
    $snapshot_months as snapshot_months,
    $ccgs as ccgs,
    $loaded_at as loaded_at,
    $outcome as outcome,
    $problems as problems,
    $release_date as release_date,
    $loaded_by as loaded_by,
    $warnings as warnings
