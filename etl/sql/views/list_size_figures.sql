-- one row per practice_code, figure_date
-- Every registered-patients figure with the date it holds for (its file's release date); one per
-- practice and date, the file with the greater content hash winning a tie.
with final as (
    select
        practice_code,
        release_date as figure_date,
        list_size
    from official_facts
    where list_size is not null and release_date is not null
    qualify row_number() over (partition by practice_code, release_date order by newness, list_size) = 1
)

select * from final
