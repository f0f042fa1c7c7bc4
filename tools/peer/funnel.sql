-- The default OmniRx funnel ("Omnichannel prescribing funnel", id f-default) in one query.
--
-- Counting unit HCP, order "ordered", conversion window 6 calendar months (inclusive, local
-- time), no period. The rules are those of docs/funnels.md as src/domain/funnel/evaluate.rs
-- applies them; README.md in this folder maps each rule to the part of the query below.
--
-- Tables (built by tables.sql from the CSV files that workspace_to_csv.py writes):
--   settings(time_zone, utc_offset_seconds, time_zone_known)
--   hcps(hcp_id), channels(channel_id), products(product_id)
--   interactions(ord, hcp_id, at, kind, channel_id, product_id, outcome, rep_id, notes)
--       at: UTC epoch seconds; interactions identical in every field are one row already (the
--       first copy's ord), as the app's import drops the copies
--   prescriptions(ord, hcp_id, account_id, month, product_id, units)      month: 'YYYY-MM'
--
-- Result: one row per step (step, name, count), in step order.
WITH
tz AS (
    -- Days and months are counted in the workspace's fixed UTC offset (0 for a zone the app
    -- does not know, which it counts as UTC).
    SELECT CAST(min(utc_offset_seconds) AS BIGINT) AS off FROM settings
),
known_hcps AS (SELECT DISTINCT hcp_id FROM hcps),
events AS (
    -- An interaction counts only when its HCP and its channel exist in the workspace, as in the
    -- app's index.
    SELECT
        i.hcp_id,
        i.at AS t,
        -- The order of events: by second, then by position in the file. Structs compare field
        -- by field, so min(k) is "the earliest event, the first in the file among events of the
        -- same second", which is how the app breaks ties; and k identifies one event, so
        -- comparing keys tells whether two steps would use the same event.
        {'t': i.at, 'o': i.ord} AS k,
        -- No step of this funnel lists products: any product matches, and so does an
        -- interaction without one (product_id NULL).
        -- Step 2, Interest: an email opened or clicked, a WeChat message read, a meeting
        -- attended, a visit, call or remote detailing, with outcome engaged or detailed.
        i.kind IN ('email_opened', 'email_clicked', 'wechat_read', 'meeting_attended',
                   'visit', 'call', 'remote_detailing')
            AND i.outcome IN ('engaged', 'detailed') AS is_interest,
        -- Step 3, Consideration: a visit, call, remote detailing, meeting attended or sample
        -- with outcome detailed.
        i.kind IN ('visit', 'call', 'remote_detailing', 'meeting_attended', 'sample')
            AND i.outcome = 'detailed' AS is_consideration
    FROM interactions AS i
    WHERE i.hcp_id IN (SELECT hcp_id FROM known_hcps)
      AND i.channel_id IN (SELECT channel_id FROM channels)
),
entry AS (
    -- Step 1, Awareness: any interaction. With no period the HCP enters at its earliest
    -- interaction; later step-1 events never restart it.
    SELECT f.hcp_id, f.k1, f.k1.t AS t1, tz.off,
           f.k1.t + tz.off AS local_t1,
           ((f.k1.t + tz.off) % 86400 + 86400) % 86400 AS second_of_day
    FROM (SELECT hcp_id, min(k) AS k1 FROM events GROUP BY hcp_id) AS f, tz
),
entry_day AS (
    -- The entry's local calendar day; subtracting the second of the day first makes the
    -- division exact for instants before 1970 as well.
    SELECT *, DATE '1970-01-01' + CAST((local_t1 - second_of_day) // 86400 AS INTEGER) AS local_day
    FROM entry
),
entry_target AS (
    -- The first day of the month 6 months after the entry's month.
    SELECT *,
           make_date((year(local_day) * 12 + month(local_day) - 1 + 6) // 12,
                     (year(local_day) * 12 + month(local_day) - 1 + 6) % 12 + 1,
                     1) AS target_month_first
    FROM entry_day
),
awareness AS (
    -- The window ends 6 calendar months after the entry on the same local day and time, or on
    -- the target month's last day when that day does not exist (31 August + 6 months ends on
    -- 28 or 29 February at the same time of day). window_end is the last second at which a
    -- later step still counts: a step exactly at it counts.
    SELECT hcp_id, k1, t1, off,
           date_diff('day', DATE '1970-01-01',
                     target_month_first
                         + CAST(least(day(local_day), day(last_day(target_month_first))) - 1
                                AS INTEGER))
               * 86400 + second_of_day - off AS window_end
    FROM entry_target
),
interest AS (
    -- The earliest interest event inside the window other than the entry's own event (one event
    -- never satisfies two steps). Every other event sorts after the entry, so it is at or after
    -- the entry's second.
    SELECT a.hcp_id, min(e.k) AS k2
    FROM awareness AS a JOIN events AS e USING (hcp_id)
    WHERE e.is_interest AND e.k <> a.k1 AND e.t <= a.window_end
    GROUP BY a.hcp_id
),
consideration AS (
    -- The earliest consideration event inside the window, at or after the interest event's
    -- second, used by neither earlier step. An event of that same second that comes earlier in
    -- the file than the interest event still qualifies: events of one second are simultaneous.
    SELECT s.hcp_id, min(e.k).t AS t3
    FROM interest AS s
        JOIN awareness AS a USING (hcp_id)
        JOIN events AS e USING (hcp_id)
    WHERE e.is_consideration AND e.t >= s.k2.t AND e.k <> a.k1 AND e.k <> s.k2
      AND e.t <= a.window_end
    GROUP BY s.hcp_id
),
rx_months AS (
    -- The HCP's months with prescriptions (units > 0, of a product of the workspace), as month
    -- numbers (year * 12 + month - 1) so that "6 consecutive months" is plain arithmetic. A
    -- record for an account without an HCP never counts for an HCP.
    SELECT DISTINCT p.hcp_id,
           CAST(substr(p.month, 1, 4) AS BIGINT) * 12 + CAST(substr(p.month, 6, 2) AS BIGINT) - 1
               AS m
    FROM prescriptions AS p
    WHERE p.units > 0
      AND p.hcp_id IN (SELECT hcp_id FROM known_hcps)
      AND p.product_id IN (SELECT product_id FROM products)
),
first_rx AS (
    -- The first month ever with prescriptions, whenever it was: an HCP who prescribed before
    -- its consideration (or before it entered) cannot "trial" again.
    SELECT f.hcp_id, f.m1,
           -- The month's first and last second in local time, as UTC epoch seconds.
           date_diff('day', DATE '1970-01-01', make_date(f.m1 // 12, f.m1 % 12 + 1, 1)) * 86400
               - tz.off AS month_start,
           date_diff('day', DATE '1970-01-01',
                     make_date((f.m1 + 1) // 12, (f.m1 + 1) % 12 + 1, 1)) * 86400
               - tz.off - 1 AS month_end
    FROM (SELECT hcp_id, min(m) AS m1 FROM rx_months GROUP BY hcp_id) AS f, tz
),
trial AS (
    -- Step 4, Trial: the first prescription month counts unless it ended before the
    -- consideration. It happens at the month's earliest moment not before the consideration (a
    -- trial in the consideration's month happens at the consideration's second), and that
    -- moment must be inside the window.
    SELECT c.hcp_id, greatest(r.month_start, c.t3) AS t4, a.window_end, a.off
    FROM consideration AS c
        JOIN first_rx AS r USING (hcp_id)
        JOIN awareness AS a USING (hcp_id)
    WHERE r.month_end >= c.t3
      AND greatest(r.month_start, c.t3) <= a.window_end
),
trial_month AS (
    -- The local month of the trial's moment: adoption counts months from it on, the trial
    -- month included.
    SELECT *, year(d) * 12 + month(d) - 1 AS from_month
    FROM (
        SELECT *,
               DATE '1970-01-01'
                   + CAST(((t4 + off) - (((t4 + off) % 86400 + 86400) % 86400)) // 86400
                          AS INTEGER) AS d
        FROM trial
    )
),
adoption_months AS (
    -- For each prescription month from the trial month on: how many prescription months the 6
    -- consecutive months ending with it hold (it and the 5 before it).
    SELECT r.hcp_id, r.m, t.t4, t.window_end, t.off,
           count(*) OVER (PARTITION BY r.hcp_id ORDER BY r.m
                          RANGE BETWEEN 5 PRECEDING AND CURRENT ROW) AS months_within_6
    FROM trial_month AS t JOIN rx_months AS r USING (hcp_id)
    WHERE r.m >= t.from_month
),
adoption AS (
    -- Step 5, Adoption: the first month in which 3 months within 6 are reached. It happens at
    -- that month's start, or at the trial's moment if that is later, and must be inside the
    -- window.
    SELECT hcp_id
    FROM (
        SELECT hcp_id, min(m) AS m5, any_value(t4) AS t4, any_value(window_end) AS window_end,
               any_value(off) AS off
        FROM adoption_months
        WHERE months_within_6 >= 3
        GROUP BY hcp_id
    )
    WHERE greatest(date_diff('day', DATE '1970-01-01', make_date(m5 // 12, m5 % 12 + 1, 1))
                       * 86400 - off,
                   t4) <= window_end
)
SELECT 1 AS step, 'Awareness' AS name, count(*) AS count FROM awareness
UNION ALL SELECT 2, 'Interest', count(*) FROM interest
UNION ALL SELECT 3, 'Consideration', count(*) FROM consideration
UNION ALL SELECT 4, 'Trial (first prescription)', count(*) FROM trial
UNION ALL SELECT 5, 'Adoption', count(*) FROM adoption
ORDER BY step;
