-- Every CCG with at least one snapshot, for the CCG filter.
with final as (
    select distinct ccg_code
    from practice_status
)

select * from final
order by ccg_code
