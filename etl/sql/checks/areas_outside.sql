-- The areas of a file that are not among an editor's areas: a sub-ICB location is theirs when its
-- own code, its ICB's or its region's (as `areas` places it) is one of them.
with file_areas as (
    select unnest($file_areas::varchar[]) as ccg_code
),

final as (
    select f.ccg_code
    from file_areas as f
    left join areas as a using (ccg_code)
    where not list_contains($editor_areas, f.ccg_code)
        and not coalesce(list_contains($editor_areas, a.icb_code), false)
        and not coalesce(list_contains($editor_areas, a.region_code), false)
)

select coalesce(list(ccg_code order by ccg_code), []) as outside from final
