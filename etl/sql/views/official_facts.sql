-- one row per content_hash, practice_code
-- Every stored fact about a practice, with the kind, release date, content hash and newness of its file.
with final as (
    select
        f.practice_code,
        f.practice_name,
        f.ccg_code,
        f.open_date,
        f.close_date,
        f.status,
        f.contract_type,
        f.list_size,
        f.prescribing_setting,
        f.address,
        f.postcode,
        f.telephone,
        r.kind,
        r.file_name,
        r.release_date,
        r.content_hash,
        r.newness
    from official_practice_facts as f
    inner join official_releases as r using (load_id)
)

select * from final
