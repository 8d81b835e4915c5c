-- A plain participation CSV (etl/survey.py) read by DuckDB, each row in its stored form (the store
-- puts them in a temporary table, or straight into participation). The model's rules (model.py) are written again here,
-- as strict as the model or stricter: a row they cannot vouch for stops the read at once, and the
-- model then reads the file and words its problems. Codes and words must be ASCII (strlen counts
-- bytes, length characters; $ascii_file skips the test), so upper() and lower() act as Python's do.
with template as (  -- every column of the model: those a file leaves out read as blank
    select
        ''::varchar as snapshot_date, ''::varchar as ccg_code, ''::varchar as practice_code,
        ''::varchar as practice_name, ''::varchar as list_size, ''::varchar as contract_type,
        ''::varchar as integration_level, ''::varchar as network_code, ''::varchar as network_name,
        ''::varchar as contract_status, ''::varchar as gp_count, ''::varchar as notes
    where false
),

cells as (
    select * from template
    union all by name
    select * from read_csv(
        $path, header = true, columns = $columns, delim = ',', quote = '', escape = '',
        auto_detect = false, strict_mode = true, null_padding = false, encoding = 'utf-8',
        compression = 'none', hive_partitioning = false,  -- a folder named ccg_code=99Z is no cell
        -- no cell can be longer than its line: Python's csv module refuses longer cells
        max_line_size = $longest_cell
    )
),

trimmed as (  -- a plain file holds no whitespace but the space: trim() strips as Python's strip()
    select
        coalesce(trim(snapshot_date), '') as snapshot_date,
        coalesce(trim(ccg_code), '') as ccg_code,
        coalesce(trim(practice_code), '') as practice_code,
        coalesce(trim(practice_name), '') as practice_name,
        coalesce(trim(list_size), '') as list_size,
        coalesce(trim(contract_type), '') as contract_type,
        coalesce(trim(integration_level), '') as integration_level,
        coalesce(trim(network_code), '') as network_code,
        coalesce(trim(network_name), '') as network_name,
        coalesce(trim(contract_status), '') as contract_status,
        coalesce(trim(gp_count), '') as gp_count,
        coalesce(trim(notes), '') as notes
    from cells
),

read as (
    select
        *,
        case  -- the two forms people type; strptime's other readings are left to the model
            when regexp_full_match(snapshot_date, '[0-9]{4}-[0-9]{2}-[0-9]{2}')
                then try_strptime(snapshot_date, '%Y-%m-%d')
            when regexp_full_match(snapshot_date, '[0-9]{2}/[0-9]{2}/[0-9]{4}')
                then try_strptime(snapshot_date, '%d/%m/%Y')
        end::date as day,
        $ascii_file or strlen(ccg_code || practice_code || contract_type || integration_level || network_code
            || contract_status) = length(ccg_code || practice_code || contract_type
            || integration_level || network_code || contract_status) as ascii_words,
        list_position($levels_written, lower(integration_level)) as level_number,
        (contract_status = '' or list_contains($contract_statuses, lower(contract_status))) as known_status,
        lower(contract_status) = 'suspended' as suspended,
        upper(ccg_code) as ccg_upper,  -- each code upper-cased once, checked and stored as it is
        upper(practice_code) as practice_upper,
        upper(network_code) as network_upper
    from trimmed
),

vouched as (
    select
        *,
        coalesce(
            ascii_words
            and day between $first_day and $last_day
            and regexp_full_match(ccg_upper, $ccg_code)
            and regexp_full_match(practice_upper, $practice_code)
            and practice_name != ''
            and regexp_full_match(list_size, '[0-9]{1,7}') and try_cast(list_size as integer) <= $max_list_size
            and list_contains($contract_types, upper(contract_type))
            and level_number is not null
            and (network_code = '' or regexp_full_match(network_upper, $network_code))
            and (network_code = '' or network_name != '')
            and known_status
            and (gp_count = '' or (regexp_full_match(gp_count, '[0-9]{1,7}') and try_cast(gp_count as integer) >= 1))
            -- full is suspended, and suspended is full
            and ($levels_stored[level_number] = 'full') = suspended,
            false
        ) as every_rule_holds
    from read
),

final as (
    select
        case
            when every_rule_holds then date_trunc('month', day)::date
            else error('a row the SQL rules cannot vouch for')
        end as snapshot_date,
        ccg_upper as ccg_code,
        practice_upper as practice_code,
        -- text a spreadsheet-safe CSV quoted before = + - @ as typed (as_typed in model.py)
        if(regexp_matches(practice_name, '^''[=+\-@]'), practice_name[2:], practice_name) as practice_name,
        list_size::integer as list_size,
        upper(contract_type) as contract_type,
        $levels_stored[level_number] as integration_level,
        nullif(network_upper, '') as network_code,
        nullif(if(regexp_matches(network_name, '^''[=+\-@]'), network_name[2:], network_name), '') as network_name,
        case when contract_status = '' then 'active' else lower(contract_status) end as contract_status,
        nullif(gp_count, '')::integer as gp_count,
        nullif(if(regexp_matches(notes, '^''[=+\-@]'), notes[2:], notes), '') as notes
    from vouched
)

select * from final
