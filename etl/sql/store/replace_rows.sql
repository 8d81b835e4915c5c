-- A file's rows replace the rows of {table} stored with the same values of its replacing columns
-- ({table}, {columns} and {same} come from the kind's declaration, never from a file).
delete from {table} as stored
using (select distinct {columns} from incoming) as covered
where {same}
