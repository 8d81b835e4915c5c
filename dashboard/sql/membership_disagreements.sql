-- For each month that both ePCN and a registration snapshot speak about, how many of the chosen
-- areas' open practices the two put in a different network (or one in none); ePCN's answer is used.
with final as (
    select
        month,
        any_value(snapshot_source) as snapshot_file,
        count(*) as practices
    from membership_disagreements
    where list_contains($areas, ccg_code)
    group by month
)

select * from final
order by month desc
