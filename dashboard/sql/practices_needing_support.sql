-- Practices of the chosen areas and month with at least one reason for support, reasons in words,
-- with what a supporter needs to act: network, months without one, the lead's notes.
with chosen as (
    select *
    from practice_months
    where list_contains($areas, ccg_code) and month <= $month
),

this_month as (
    select *
    from chosen
    where month = $month
),

-- each area's own previous month: tracker areas do not always report the same months
previous_months as (
    select ccg_code, max(month) as month
    from chosen
    where month < $month
    group by ccg_code
),

previous as (
    select chosen.*
    from chosen
    inner join previous_months using (ccg_code, month)
),

-- a network's size counts every member, also those in areas not chosen
network_sizes as (
    select
        network_code,
        count(*) as members,
        sum(list_size)::bigint as network_population,
        count(list_size) = count(*) as population_known
    from practice_months
    where month = $month and network_code is not null
    group by network_code
),

last_in_network as (
    select practice_code, max(month) as month
    from chosen
    where network_code is not null
    group by practice_code
),

-- the first month of the practice's current spell without a network
out_since as (
    select chosen.practice_code, min(chosen.month) as out_since
    from chosen
    left join last_in_network using (practice_code)
    where last_in_network.month is null or chosen.month > last_in_network.month
    group by chosen.practice_code
),

reasons as (
    select
        this_month.*,
        network_sizes.network_population,
        previous.network_name as previous_network_name,
        case when this_month.network_code is null then out_since.out_since end as out_since,
        concat_ws(
            '; ',
            case when this_month.network_code is null then 'Not in a network' end,
            -- a month measured by a registration snapshot (issue 18): why it is in none
            case when this_month.snapshot_status = 'unallocated' then 'No PCN in the registration snapshot' end,
            case when this_month.snapshot_status = 'not_listed' then 'Not in the registration snapshot' end,
            case when this_month.gp_count = 1 then 'Single-handed' end,
            case
                when network_sizes.population_known and network_sizes.network_population < $band_low
                    then $below_band_reason
            end,
            case
                when this_month.source = 'official' and network_sizes.members = 1
                    then 'In a single-practice network'
            end,
            case
                when previous.network_code is not null and this_month.network_code is null
                    then 'Left a network since the previous month'
            end,
            -- a practice that stays fully integrated keeps its contract suspended: that is the goal;
            -- and a month from another source cannot tell (the official files hold no contract status)
            case
                when this_month.contract_status = 'suspended'
                    and previous.practice_code is not null
                    and coalesce(previous.contract_status, 'active') <> 'suspended'
                    then 'Suspended its contract since the previous month'
            end
        ) as reasons
    from this_month
    left join network_sizes using (network_code)
    left join previous
        on previous.ccg_code = this_month.ccg_code
        and previous.practice_code = this_month.practice_code
        and previous.source = this_month.source
    left join out_since on out_since.practice_code = this_month.practice_code
),

tracked_areas as (
    select distinct ccg_code
    from this_month
    where source = 'tracker'
),

-- open in the register on the month's last day in an area the tracker covers that month, yet not tracked
missing as (
    select
        official_practices.ccg_code,
        official_practices.practice_code,
        official_practices.practice_name,
        'Missing from the tracker (open in the official register)' as reasons,
        null::varchar as network_name,
        null::varchar as previous_network_name,
        null::date as out_since,
        official_practices.list_size::bigint as list_size,
        null::bigint as network_population,
        null::integer as gp_count,
        official_practices.contract_type,
        null::varchar as contract_status,
        null::varchar as integration_level,
        null::varchar as notes,
        'official' as source
    from official_practices
    inner join tracked_areas using (ccg_code)
    where official_practices.open_date <= last_day($month)
        and (official_practices.close_date is null or official_practices.close_date > last_day($month))
        and official_practices.practice_code not in (
            select practice_code from practice_months where month = $month and source = 'tracker'
        )
),

final as (
    select
        ccg_code,
        practice_code,
        practice_name,
        reasons,
        network_name,
        previous_network_name,
        out_since,
        list_size::bigint as list_size,
        network_population,
        gp_count,
        contract_type,
        contract_status,
        integration_level,
        notes,
        source
    from reasons
    where reasons <> ''
    union all
    select * from missing
)

select
    *,
    case when out_since is not null then datediff('month', out_since, $month::date) + 1 end
        as months_without_network,
    -- out since the first month the data shows the practice: it may have been out longer
    coalesce(out_since = (select min(c.month) from chosen as c where c.practice_code = final.practice_code), false)
        as out_since_first_month
from final
order by ccg_code, practice_code
