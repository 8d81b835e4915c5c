-- One row per practice of the chosen areas in the month, with its network, its postcode (to place a
-- practice newer than the map's location file) and its status on the map: 'in a network'; 'not in the
-- snapshot' (a month measured by a registration snapshot that does not list this open practice); else
-- 'left out' (in no network, or 'Unallocated' in the snapshot).
with chosen as (
    select *
    from practice_months
    where list_contains($areas, ccg_code) and month = $month
),

-- the register's postcode, read by name from the row: a database from before official_practices had
-- a postcode column answers null, and the map then lists such a practice beside it instead
postcodes as (
    select
        register.practice_code,
        to_json(register) ->> 'postcode' as postcode
    from official_practices as register
    where register.practice_code in (select practice_code from chosen)
),

final as (
    select
        chosen.practice_code,
        chosen.practice_name,
        chosen.ccg_code,
        chosen.network_code,
        chosen.network_name,
        chosen.source,
        postcodes.postcode,
        case
            when chosen.network_code is not null then 'in a network'
            when chosen.snapshot_status = 'not_listed' then 'not in the snapshot'
            else 'left out'
        end as status
    from chosen
    left join postcodes using (practice_code)
)

select * from final
order by practice_code
