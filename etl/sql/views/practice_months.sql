-- one row per month, practice_code
-- A practice's month (SPEC 4): for an (area, month) with a tracker snapshot the tracker's
-- rows, read from participation as they are; otherwise the official files' practices, kept ready in
-- practice_months_official by every load that changes data. Filters on month and area reach both.
-- membership_source says what measured the row's network ('tracker', 'epcn' or 'snapshot');
-- snapshot_status, for a snapshot month, 'in_pcn', 'unallocated' (PCN_CODE U) or 'not_listed';
-- list_size_date, the date the list size holds for (a tracker row's own month).
select
    snapshot_date as month,
    practice_code,
    practice_name,
    ccg_code,
    'tracker' as source,
    network_code,
    network_name,
    list_size,
    contract_type,
    integration_level,
    contract_status,
    gp_count,
    notes,
    load_id,
    null::date as open_date,
    null::date as close_date,
    'tracker' as membership_source,
    null::varchar as snapshot_status,
    snapshot_date as list_size_date
from participation

union all

select
    month,
    practice_code,
    practice_name,
    ccg_code,
    'official' as source,
    network_code,
    network_name,
    list_size,
    contract_type,
    null::varchar as integration_level,
    null::varchar as contract_status,
    null::integer as gp_count,
    null::varchar as notes,
    null::integer as load_id,
    open_date,
    close_date,
    membership_source,
    snapshot_status,
    list_size_date
from practice_months_official
