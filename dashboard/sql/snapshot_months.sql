-- The snapshot months of the chosen CCGs, newest first, for the month filter.
with final as (
    select distinct snapshot_date
    from practice_status
    where list_contains($ccgs, ccg_code)
)

select * from final
order by snapshot_date desc
