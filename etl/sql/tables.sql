-- The stored tables. Analysts read the views in views/, which stay stable; these may change.
create table if not exists load_history (
    load_id integer primary key,
    file_name varchar not null,
    content_hash varchar not null,
    kind varchar,
    rows integer,
    snapshot_months varchar,
    ccgs varchar,
    loaded_at timestamp not null,
    outcome varchar not null,  -- loaded | unchanged | rejected
    problems integer not null,  -- the total found; load_problems keeps the first 1,000
    release_date date  -- official files: the newest date their content mentions
);
-- databases made before release dates were recorded
alter table load_history add column if not exists release_date date;
-- who loaded the file (the signed-in email, or the account that ran the command), and the warnings
alter table load_history add column if not exists loaded_by varchar;
alter table load_history add column if not exists warnings integer;

create table if not exists load_warnings (
    load_id integer not null,
    column_name varchar,
    value varchar,
    warning varchar not null
);

create table if not exists load_problems (
    load_id integer not null,
    line integer,
    column_name varchar,
    value varchar,
    problem varchar not null
);

create table if not exists participation (
    load_id integer not null,
    snapshot_date date not null,
    ccg_code varchar not null,
    practice_code varchar not null,
    practice_name varchar not null,
    list_size integer not null,
    contract_type varchar not null,
    integration_level varchar not null,
    network_code varchar,
    network_name varchar,
    contract_status varchar not null,
    gp_count integer,
    notes varchar
);

create table if not exists milestone_register (
    load_id integer not null,
    ccg_code varchar not null,
    network_code varchar,
    milestone varchar not null,
    due_date date not null,
    achieved_date date,
    owner varchar,
    notes varchar
);

create table if not exists official_practice_facts (
    load_id integer not null,
    practice_code varchar not null,
    practice_name varchar,
    ccg_code varchar,
    open_date date,
    close_date date,
    status varchar,
    contract_type varchar,
    list_size integer,
    prescribing_setting varchar
);
-- how to reach a practice, from the register (epraccur columns 5-9, 10 and 18)
alter table official_practice_facts add column if not exists address varchar;
alter table official_practice_facts add column if not exists postcode varchar;
alter table official_practice_facts add column if not exists telephone varchar;

create table if not exists official_ccgs (
    load_id integer not null,
    ccg_code varchar not null,
    ccg_name varchar,
    open_date date,
    close_date date,
    region_code varchar,
    icb_code varchar
);
alter table official_ccgs add column if not exists region_code varchar;
alter table official_ccgs add column if not exists icb_code varchar;

create table if not exists official_areas (
    load_id integer not null,
    ccg_code varchar not null,
    ccg_name varchar,
    icb_code varchar,
    icb_name varchar,
    region_code varchar,
    region_name varchar
);

create table if not exists official_networks (
    load_id integer not null,
    network_code varchar not null,
    network_name varchar,
    ccg_code varchar,
    open_date date,
    close_date date
);

create table if not exists official_membership (
    load_id integer not null,
    practice_code varchar not null,
    network_code varchar not null,
    network_name varchar,
    start_date date,
    end_date date
);

-- The official files' rows of the view practice_months (views/practice_months.sql), the costly part
-- of it kept ready: rebuilt by every load that changes data (store/rebuild_practice_months.sql).
create table if not exists practice_months_official (
    month date not null,
    practice_code varchar not null,
    practice_name varchar,
    ccg_code varchar,
    network_code varchar,
    network_name varchar,
    list_size integer,
    contract_type varchar,
    open_date date,
    close_date date,
    -- which source measured the network, the snapshot status, the date of the list size
    membership_source varchar,
    snapshot_status varchar,
    list_size_date date
);
-- databases made before those three columns
alter table practice_months_official add column if not exists membership_source varchar;
alter table practice_months_official add column if not exists snapshot_status varchar;
alter table practice_months_official add column if not exists list_size_date date;

-- The membership snapshot of the mapping file: each practice listed on the extract date with its
-- PCN_CODE as written ('U': in no PCN).
create table if not exists official_registrations (
    load_id integer not null,
    practice_code varchar not null,
    network_code varchar,
    network_name varchar,
    extract_date date
);
