-- The LMC's call list: practices of the chosen areas and month with at least one practice-level reason
-- for support, most pressing first, with what a caller needs: network, out since, months out (the months
-- measured without a network, counting the chosen month), the lead's notes, and the register's address,
-- postcode and telephone.
-- Reasons are codes; their words and their order, most pressing first ($reason_order), are in
-- dashboard/wording.py. A practice left out has exactly one of $left_out_reasons (left_network,
-- no_pcn_in_snapshot and not_in_snapshot in a month measured by a registration snapshot, else
-- not_in_network); the other reasons are suspended, single_handed and missing_from_tracker.
-- A network's size is a fact about the network, never a reason: network_notes ('network_below_band',
-- 'single_practice_network') says it on the practices listed for a reason of their own.
with chosen as (
    select * from chosen_practice_months($areas, $month)
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
        practices as members,
        population as network_population,
        practices_without_list_size = 0 as population_known
    from network_populations
    where month = $month
),

last_in_network as (
    select practice_code, max(month) as month, arg_max(network_name, month) as network_name
    from chosen
    where network_code is not null
    group by practice_code
),

-- the first month of the practice's current spell without a network, and how many months of it were
-- measured (a month no source measured, such as those between the newest ePCN release and a
-- registration snapshot, has no row: it is not counted)
out_since as (
    select
        chosen.practice_code,
        min(chosen.month) as out_since,
        count(*) as measured_months_out
    from chosen
    left join last_in_network using (practice_code)
    where last_in_network.month is null or chosen.month > last_in_network.month
    group by chosen.practice_code
),

first_seen as (
    select practice_code, min(month) as month
    from chosen
    group by practice_code
),

flagged as (
    select
        this_month.*,
        network_sizes.network_population,
        last_in_network.network_name as last_network_name,
        case when this_month.network_code is null then out_since.out_since end as out_since,
        case when this_month.network_code is null then out_since.measured_months_out end as measured_months_out,
        list_value(
            case
                -- a month measured by a registration snapshot says why the practice is in none (its
                -- previous month may be an ePCN month long before: "left since" would not be true)
                when this_month.network_code is null and this_month.snapshot_status = 'unallocated'
                    then 'no_pcn_in_snapshot'
                when this_month.network_code is null and this_month.snapshot_status = 'not_listed'
                    then 'not_in_snapshot'
                when this_month.network_code is null and previous.network_code is not null
                    then 'left_network'
                when this_month.network_code is null then 'not_in_network'
            end,
            -- a practice that stays fully integrated keeps its contract suspended: that is the goal;
            -- and a month from another source cannot tell (the official files hold no contract status)
            case
                when this_month.contract_status = 'suspended'
                    and previous.practice_code is not null
                    and coalesce(previous.contract_status, 'active') <> 'suspended'
                    then 'suspended'
            end,
            case when this_month.gp_count = 1 then 'single_handed' end
        ) as possible_reasons,
        list_value(
            case
                when network_sizes.population_known and network_sizes.network_population < $band_low
                    then 'network_below_band'
            end,
            case
                when this_month.source = 'official' and network_sizes.members = 1
                    then 'single_practice_network'
            end
        ) as possible_notes
    from this_month
    left join network_sizes using (network_code)
    left join previous
        on previous.ccg_code = this_month.ccg_code
        and previous.practice_code = this_month.practice_code
        and previous.source = this_month.source
    left join out_since on out_since.practice_code = this_month.practice_code
    left join last_in_network on last_in_network.practice_code = this_month.practice_code
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
        ['missing_from_tracker'] as reasons,
        []::varchar[] as network_notes,
        null::varchar as network_name,
        null::varchar as last_network_name,
        null::date as out_since,
        null::bigint as measured_months_out,
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
    where open_on(official_practices.open_date, official_practices.close_date, last_day($month))
        and official_practices.practice_code not in (
            select practice_code from practice_months where month = $month and source = 'tracker'
        )
),

listed as (
    select
        ccg_code,
        practice_code,
        practice_name,
        list_filter(possible_reasons, lambda r: r is not null) as reasons,
        list_filter(possible_notes, lambda n: n is not null) as network_notes,
        network_name,
        last_network_name,
        out_since,
        measured_months_out,
        list_size::bigint as list_size,
        network_population,
        gp_count,
        contract_type,
        contract_status,
        integration_level,
        notes,
        source
    from flagged
    where len(list_filter(possible_reasons, lambda r: r is not null)) > 0
    union all
    select * from missing
),

final as (
    select
        listed.* exclude (measured_months_out),
        list_has_any(listed.reasons, $left_out_reasons) as left_out,
        listed.measured_months_out as months_without_network,
        -- out since the first month the data shows the practice: it may have been out longer
        coalesce(listed.out_since = first_seen.month, false) as out_since_first_month,
        official_practices.address,
        official_practices.postcode,
        official_practices.telephone
    from listed
    left join first_seen using (practice_code)
    left join official_practices using (practice_code)
)

-- most pressing first: left out before other reasons, by its first reason's place, longest out, most
-- patients; then by area and code, so that the same data always give the same order
select *
from final
order by
    not left_out,
    list_position($reason_order, reasons[1]),
    months_without_network desc nulls last,
    list_size desc nulls last,
    ccg_code,
    practice_code
