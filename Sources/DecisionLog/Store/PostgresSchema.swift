/// The tables a log in PostgreSQL lives in (docs/postgresql.md explains each column), made by the first
/// `init --store` against a database and shared by every log it holds.
enum PostgresSchema {
    /// Creates the tables, the append-only trigger and the grants, when they are missing; safe to run again.
    static let create = """
    CREATE TABLE IF NOT EXISTS decisionlog_logs (
        log_id      text PRIMARY KEY,
        config      bytea NOT NULL,
        head_seq    bigint NOT NULL DEFAULT 0,
        head_hash   text NOT NULL DEFAULT '\(Digest.zero.hex)',
        head_size   bigint NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS decisionlog_events (
        log_id      text NOT NULL REFERENCES decisionlog_logs (log_id),
        seq         bigint NOT NULL,
        id          text NOT NULL,
        subject     text NOT NULL,
        byte_offset bigint NOT NULL,
        line        bytea NOT NULL,
        PRIMARY KEY (log_id, seq),
        UNIQUE (log_id, id)
    );
    CREATE OR REPLACE FUNCTION decisionlog_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION 'decisionlog events are append-only: % on decisionlog_events is refused', TG_OP
            USING ERRCODE = 'insufficient_privilege';
    END
    $$;
    DROP TRIGGER IF EXISTS decisionlog_events_append_only ON decisionlog_events;
    CREATE TRIGGER decisionlog_events_append_only BEFORE UPDATE OR DELETE ON decisionlog_events
        FOR EACH ROW EXECUTE FUNCTION decisionlog_refuse_change();
    DROP TRIGGER IF EXISTS decisionlog_events_no_truncate ON decisionlog_events;
    CREATE TRIGGER decisionlog_events_no_truncate BEFORE TRUNCATE ON decisionlog_events
        FOR EACH STATEMENT EXECUTE FUNCTION decisionlog_refuse_change();
    REVOKE UPDATE, DELETE, TRUNCATE ON decisionlog_events FROM PUBLIC;
    """

    /// The channel appends notify (with the log id as payload) when they commit.
    static let channel = "decisionlog_appended"
}
