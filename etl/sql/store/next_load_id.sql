select coalesce(max(load_id), 0) + 1 as load_id from load_history
