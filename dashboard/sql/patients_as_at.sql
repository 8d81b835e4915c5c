-- The date the chosen areas' registered-patient figures of the month hold for: the date most of the
-- month's practices with a list size have their figure from (list_size_date), the newer on a tie.
with dated as (
    select list_size_date
    from chosen_practices_in_month($areas, $month)
    where list_size is not null and list_size_date is not null
),

final as (
    select list_size_date as patients_as_at
    from dated
    group by list_size_date
    order by count(*) desc, list_size_date desc
    limit 1
)

select * from final
