-- The tables funnel.sql reads, loaded from the CSV files that workspace_to_csv.py writes.
--
-- Every column is typed by hand rather than sniffed, so that the browser and check_counts.py
-- build the same tables and an id that looks like a number stays text. File names are
-- relative: check_counts.py runs this inside the CSV folder, and the page registers each
-- fetched file under its bare name. Each statement ends with a semicolon at the end of a line,
-- which is where the page splits them.
--
-- Interaction kinds and outcomes are enums, as in the app's model (src/domain/model.rs): a file
-- with any other value fails to load here, as the app refuses it, and comparing small enum codes
-- is cheaper than comparing text.
CREATE TYPE IF NOT EXISTS interaction_kind AS ENUM ('visit', 'call', 'remote_detailing',
    'email_sent', 'email_opened', 'email_clicked', 'wechat_message', 'wechat_read',
    'meeting_invited', 'meeting_attended', 'sample', 'pharmacy_visit');
CREATE TYPE IF NOT EXISTS interaction_outcome AS ENUM ('engaged', 'detailed', 'neutral',
    'negative', 'no_response');
CREATE OR REPLACE TABLE settings AS SELECT * FROM read_csv('settings.csv', header = true,
    columns = {'time_zone': 'VARCHAR', 'utc_offset_seconds': 'BIGINT', 'time_zone_known': 'BOOLEAN'});
CREATE OR REPLACE TABLE hcps AS SELECT * FROM read_csv('hcps.csv', header = true,
    columns = {'hcp_id': 'VARCHAR'});
CREATE OR REPLACE TABLE channels AS SELECT * FROM read_csv('channels.csv', header = true,
    columns = {'channel_id': 'VARCHAR'});
CREATE OR REPLACE TABLE products AS SELECT * FROM read_csv('products.csv', header = true,
    columns = {'product_id': 'VARCHAR'});
-- Interactions identical in every field (rep and notes included) are one interaction: the app's
-- import keeps the first in the file and reports the others as a repair (docs/funnels.md), so
-- only the first copy's position is kept here. Empty fields read as NULL, and GROUP BY puts NULLs
-- together, so a missing product or rep compares equal to a missing one.
CREATE OR REPLACE TABLE interactions AS
    SELECT min(ord) AS ord, hcp_id, "at", kind, channel_id, product_id, outcome, rep_id, notes
    FROM read_csv('interactions.csv', header = true,
        columns = {'ord': 'BIGINT', 'hcp_id': 'VARCHAR', 'at': 'BIGINT',
                   'kind': 'interaction_kind', 'channel_id': 'VARCHAR', 'product_id': 'VARCHAR',
                   'outcome': 'interaction_outcome', 'rep_id': 'VARCHAR', 'notes': 'VARCHAR'})
    GROUP BY hcp_id, "at", kind, channel_id, product_id, outcome, rep_id, notes;
CREATE OR REPLACE TABLE prescriptions AS SELECT * FROM read_csv('prescriptions.csv', header = true,
    columns = {'ord': 'BIGINT', 'hcp_id': 'VARCHAR', 'account_id': 'VARCHAR', 'month': 'VARCHAR',
               'product_id': 'VARCHAR', 'units': 'BIGINT'});
