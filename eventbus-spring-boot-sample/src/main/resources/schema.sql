-- The application's own table; the bus creates its tables (eventbus_*) in the same database.
CREATE TABLE IF NOT EXISTS payments (order_id TEXT PRIMARY KEY);
