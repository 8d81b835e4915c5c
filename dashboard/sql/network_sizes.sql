-- Each network with a member in the chosen areas: its registered population against the band,
-- and its integration mix (tracker rows only).
with chosen_networks as (
    select distinct network_code
    from chosen_practices_in_month($areas, $month)
    where network_code is not null
),

-- a network's size counts every member, also those in areas not chosen
sizes as (
    select network_populations.*
    from network_populations
    inner join chosen_networks using (network_code)
    where network_populations.month = $month
),

final as (
    select
        network_code,
        network_name,
        areas,
        source,
        practices,
        population,
        case
            when population is null then 'Unknown'
            when population < $band_low then $below_band_label
            when population > $band_high then $above_band_label
            else $within_band_label
        end as band,
        practices_without_list_size,
        level_none,
        level_virtual,
        level_partial,
        level_full
    from sizes
)

select * from final
order by population nulls first, network_code
