"""PostgreSQL: the server itself enforces who may do what (group roles, grants, row-level security,
workflow functions) and writes the audit (triggers, hash chain).  ``install`` is idempotent; ``scorecard
init`` runs it after creating or upgrading a schema, so a server set up the old way is upgraded by it.

Past ~500 lines of SQL on purpose: one file holds the whole server-side contract, so a ministry's IT can
read every grant, policy and function in one place (docs/domain-decisions.md explains them).

Who is who inside the server:
- the schema's owner (who ran ``scorecard init``) owns every table and function, bypasses RLS, and is the
  app's administrator of last resort; it needs CREATEROLE so that ``users`` rows become login roles;
- each app user is a LOGIN role of the same name, member of one group role ``gpr_<role>`` (NOLOGIN);
- SECURITY DEFINER functions check the caller with ``session_user`` (the authenticated login, which
  neither ``SET ROLE`` nor a definer function changes) and its active ``users`` row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, text

GROUPS = ("gpr_commander", "gpr_planner", "gpr_executive", "gpr_admin")
ALL_GROUPS = ", ".join(GROUPS)
# the marker a server keeps in users.password_hash: the password lives in the server's own catalogue
SERVER_PASSWORD = "server-managed"

# tables the server audits (entity name, the key an entry names) and tables it leaves alone: derived or
# bookkeeping data (the closure follows units, the cache follows figures, batches are named by entries)
AUDITED = {
    "results": "result",
    "targets": "target",
    "submissions": "submission",
    "users": "user",
    "units": "unit",
    "institutions": "institution",
    "indicators": "indicator",
    "indicator_versions": "indicator_version",
    "objectives": "objective",
    "plans": "plan",
    "unit_populations": "population",
    "unit_baselines": "baseline",
    "saved_mappings": "mapping",
    "institution_thresholds": "thresholds",
    "sources": "source",
    "source_figures": "source_figure",
    "certifications": "certification",
}
# editions, edition_values and register_events are bookkeeping like batches (an edition is what one import
# gave): not audited, and insert-only for everyone but the owner


def _run(conn: Connection, sql: str) -> None:
    """SQL as written (no parameters: the driver must not read ``%`` in format() strings as placeholders)."""
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


def _groups(conn: Connection) -> None:
    for group in GROUPS:  # cluster-wide: made once, shared by every schema of the app on the server
        _run(
            conn,
            f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{group}') THEN "
            f"CREATE ROLE {group} NOLOGIN; END IF; END $$",
        )


def _grants(s: str) -> list[str]:
    """Table privileges per group.  RLS (below) narrows the rows of every write granted here."""
    return [
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM PUBLIC",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {ALL_GROUPS}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {s} FROM {ALL_GROUPS}",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {s} FROM PUBLIC",
        f"GRANT USAGE ON SCHEMA {s} TO {ALL_GROUPS}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {s} TO {ALL_GROUPS}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO gpr_commander, gpr_planner, gpr_admin, gpr_executive",
        # everyone who reads builds the cached scorecards of large units (their own: see the policy)
        f"GRANT INSERT, UPDATE, DELETE ON {s}.scorecard_cache TO {ALL_GROUPS}",
        # commanders: their results (and justifications) and the batches of their imports
        f"GRANT INSERT, UPDATE, DELETE ON {s}.results TO gpr_commander, gpr_planner, gpr_admin",
        f"GRANT INSERT, UPDATE ON {s}.batches TO gpr_commander, gpr_planner, gpr_admin",
        # planners: their institution's plan, targets, unit tree and settings
        # (no DELETE of indicators: it would cascade to their results, approved months included)
        f"GRANT INSERT, UPDATE ON {s}.plans, {s}.objectives, {s}.indicators, {s}.indicator_versions "
        "TO gpr_planner, gpr_admin",
        f"GRANT INSERT, UPDATE, DELETE ON {s}.targets, {s}.unit_baselines, {s}.unit_populations, {s}.unit_closure "
        "TO gpr_planner, gpr_admin",
        f"GRANT INSERT, UPDATE ON {s}.units TO gpr_planner, gpr_admin",
        f"GRANT INSERT, UPDATE, DELETE ON {s}.saved_mappings TO gpr_planner, gpr_admin",
        f"GRANT UPDATE (green, yellow, deadline_days, tolerance_pct, tolerance_abs, alpha) ON {s}.institutions "
        "TO gpr_planner",
        f"GRANT INSERT, UPDATE, DELETE ON {s}.institution_thresholds TO gpr_planner, gpr_admin",
        # sources and what the office makes of them: no DELETE of a source (it would cascade to its figures)
        # nor of a certification (a new one replaces it, audited)
        f"GRANT INSERT, UPDATE ON {s}.sources, {s}.certifications TO gpr_planner, gpr_admin",
        f"GRANT INSERT, UPDATE, DELETE ON {s}.source_figures TO gpr_planner, gpr_admin",
        # whoever imports records the edition it made (commanders import their units' official figures);
        # an edition is a record of what was imported, so it is never rewritten
        f"GRANT INSERT ON {s}.editions, {s}.edition_values, {s}.register_events "
        "TO gpr_commander, gpr_planner, gpr_admin",
        # administrators: users, institutions, units; never audit_log or submissions directly
        f"GRANT INSERT, UPDATE, DELETE ON {s}.users, {s}.institutions TO gpr_admin",
        f"GRANT DELETE ON {s}.units TO gpr_admin",
    ]


def _functions(s: str) -> str:
    """Helpers the policies call (SECURITY DEFINER: they read ``users`` and the closure past RLS), the
    workflow transition, user-role upkeep, and the audit triggers."""
    head = f"LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {s}, pg_temp"
    plhead = f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {s}, pg_temp"
    return f"""
-- the caller is the schema's owner or a superuser: the administrator of last resort
CREATE OR REPLACE FUNCTION {s}.gpr_is_owner(who name) RETURNS boolean {head} AS $$
  SELECT CASE WHEN NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who) THEN false
    ELSE (SELECT rolsuper FROM pg_roles WHERE rolname = who)
         OR pg_has_role(who, (SELECT tableowner FROM pg_tables
                              WHERE schemaname = '{s[1:-1]}' AND tablename = 'users'), 'MEMBER') END
$$;

-- (the users row first: the owner's check reads the catalogue, and policies ask this for every row written)
CREATE OR REPLACE FUNCTION {s}.gpr_role(who name) RETURNS text {head} AS $$
  SELECT coalesce((SELECT role FROM {s}.users WHERE name = who AND active),
                  CASE WHEN {s}.gpr_is_owner(who) THEN 'admin' END)
$$;

CREATE OR REPLACE FUNCTION {s}.gpr_institution(who name) RETURNS integer {head} AS $$
  SELECT institution_id FROM {s}.users WHERE name = who AND active
$$;

-- units whose rows ``who`` reads: their institution's, or all for a user bound to none
CREATE OR REPLACE FUNCTION {s}.gpr_reads_all(who name) RETURNS boolean {head} AS $$
  SELECT {s}.gpr_role(who) IS NOT NULL AND {s}.gpr_institution(who) IS NULL
$$;

-- planning office of the institution (or an administrator)
CREATE OR REPLACE FUNCTION {s}.gpr_plans(who name, inst integer) RETURNS boolean {head} AS $$
  SELECT CASE {s}.gpr_role(who) WHEN 'admin' THEN true
              WHEN 'planner' THEN {s}.gpr_institution(who) = inst ELSE false END
$$;

CREATE OR REPLACE FUNCTION {s}.gpr_plans_unit(who name, unit integer) RETURNS boolean {head} AS $$
  SELECT {s}.gpr_plans(who, (SELECT institution_id FROM {s}.units WHERE id = unit))
$$;

CREATE OR REPLACE FUNCTION {s}.gpr_plans_indicator(who name, ind integer) RETURNS boolean {head} AS $$
  SELECT {s}.gpr_plans(who, (SELECT institution_id FROM {s}.indicators WHERE id = ind))
$$;

-- the source's institution is planned by ``who``
CREATE OR REPLACE FUNCTION {s}.gpr_plans_source(who name, src integer) RETURNS boolean {head} AS $$
  SELECT {s}.gpr_plans(who, (SELECT institution_id FROM {s}.sources WHERE id = src))
$$;

-- ``who`` imports into the institution: its planners and commanders, or an administrator
CREATE OR REPLACE FUNCTION {s}.gpr_imports(who name, inst integer) RETURNS boolean {head} AS $$
  SELECT CASE {s}.gpr_role(who) WHEN 'admin' THEN true
              WHEN 'planner' THEN {s}.gpr_institution(who) = inst
              WHEN 'commander' THEN {s}.gpr_institution(who) = inst ELSE false END
$$;

-- an edition's rows are added only by whoever made it (an administrator: to any), for units the importer
-- may import into (anywhere for an administrator, the institution for its planners, a commander's subtree;
-- months do not matter: an edition records, it does not change figures).  As sets: a policy's
-- ``x IN (SELECT f())`` is worked out once per statement, where a function of the row is called for every
-- row (a national edition: 912,000 calls, 60 s of a planner's import)
CREATE OR REPLACE FUNCTION {s}.gpr_own_editions(who name) RETURNS SETOF integer {head} AS $$
  SELECT id FROM {s}.editions WHERE "user" = who OR {s}.gpr_role(who) = 'admin'
$$;

CREATE OR REPLACE FUNCTION {s}.gpr_scope_units(who name) RETURNS SETOF integer {head} AS $$
  SELECT id FROM {s}.units WHERE {s}.gpr_role(who) = 'admin'
    OR ({s}.gpr_role(who) = 'planner' AND institution_id = {s}.gpr_institution(who))
  UNION
  SELECT c.descendant_id FROM {s}.unit_closure c JOIN {s}.users u ON u.scope_unit_id = c.ancestor_id
  WHERE {s}.gpr_role(who) = 'commander' AND u.name = who AND u.active
$$;

-- a result of (unit, month) may be written by ``who``: planners of its institution and administrators,
-- commanders inside their scope; never in an approved month, nor by its commander while submitted
CREATE OR REPLACE FUNCTION {s}.gpr_writes_result(who name, unit integer, mon integer) RETURNS boolean
{head} AS $$
  WITH me AS (SELECT coalesce(u.role, CASE WHEN {s}.gpr_is_owner(who) THEN 'admin' END) AS role,
                     u.institution_id AS inst, u.scope_unit_id AS scope
              FROM (SELECT 1) one LEFT JOIN {s}.users u ON u.name = who AND u.active)
  SELECT CASE
    WHEN me.role = 'admin' THEN true
    WHEN me.role = 'planner' THEN me.inst = (SELECT institution_id FROM {s}.units WHERE id = unit)
    WHEN me.role = 'commander' THEN EXISTS (SELECT 1 FROM {s}.unit_closure c
                                            WHERE c.ancestor_id = me.scope AND c.descendant_id = unit)
    ELSE false END
  AND NOT EXISTS (
    SELECT 1 FROM {s}.unit_closure c JOIN {s}.submissions sub ON sub.unit_id = c.ancestor_id
    WHERE c.descendant_id = unit AND sub.month = mon
      AND (sub.state = 'approved' OR (sub.state = 'submitted' AND me.role = 'commander')))
  FROM me
$$;

-- a target of (unit, month) is frozen once the month is approved for the unit (or an ancestor)
CREATE OR REPLACE FUNCTION {s}.gpr_target_open(unit integer, mon integer) RETURNS boolean {head} AS $$
  SELECT NOT EXISTS (
    SELECT 1 FROM {s}.unit_closure c JOIN {s}.submissions sub ON sub.unit_id = c.ancestor_id
    WHERE c.descendant_id = unit AND sub.month = mon AND sub.state = 'approved')
$$;

-- the app's check of open cells share-locks the month's submissions so that an approval cannot slip in
-- before its commit (SELECT … FOR SHARE would need UPDATE on submissions, which nobody has)
CREATE OR REPLACE FUNCTION {s}.gpr_hold_months(months integer[]) RETURNS void {plhead} AS $$
BEGIN
  PERFORM 1 FROM {s}.submissions WHERE month = ANY(months) FOR SHARE;
END $$;

-- the one way a submission changes: the state machine and the role, checked here
CREATE OR REPLACE FUNCTION {s}.gpr_transition(p_unit integer, p_month integer, p_action text, p_reason text,
                                              p_expected integer DEFAULT NULL)
RETURNS {s}.submissions {plhead} AS $$
DECLARE
  who name := session_user;
  role text := {s}.gpr_role(session_user);
  un {s}.units;
  sub {s}.submissions;
  state text;
  target text;
  actor text := coalesce(nullif(current_setting('gpr.app_user', true), ''), session_user);
BEGIN
  SELECT * INTO un FROM {s}.units WHERE id = p_unit;
  IF NOT FOUND THEN RAISE EXCEPTION 'gpr: no unit %', p_unit USING ERRCODE = 'P0002'; END IF;
  IF p_action = 'submit' THEN
    IF NOT (role IN ('admin', 'planner', 'commander') AND {s}.gpr_writes_result(who, p_unit, 0)
            AND (role <> 'planner' OR {s}.gpr_plans(who, un.institution_id))) THEN
      RAISE EXCEPTION 'gpr: % may not submit unit %', who, un.code USING ERRCODE = '42501';
    END IF;
  ELSIF p_action IN ('approve', 'return', 'reopen') THEN
    IF NOT {s}.gpr_plans(who, un.institution_id) THEN
      RAISE EXCEPTION 'gpr: % may not % unit %', who, p_action, un.code USING ERRCODE = '42501';
    END IF;
  ELSE
    RAISE EXCEPTION 'gpr: unknown transition %', p_action USING ERRCODE = '22023';
  END IF;
  SELECT * INTO sub FROM {s}.submissions WHERE unit_id = p_unit AND month = p_month FOR UPDATE;
  state := coalesce(sub.state, 'open');
  IF p_expected IS NOT NULL AND p_expected <> coalesce(sub.version, 0) THEN
    RAISE EXCEPTION 'gpr: stale submission' USING ERRCODE = '40001';
  END IF;
  target := CASE
    WHEN p_action = 'submit' AND state IN ('open', 'returned') THEN 'submitted'
    WHEN p_action = 'approve' AND state = 'submitted' THEN 'approved'
    WHEN p_action = 'return' AND state = 'submitted' THEN 'returned'
    WHEN p_action = 'reopen' AND state = 'approved' THEN 'open' END;
  IF target IS NULL THEN
    RAISE EXCEPTION 'gpr: cannot % unit % in state %', p_action, un.code, state USING ERRCODE = '55000';
  END IF;
  IF p_action IN ('return', 'reopen') AND coalesce(btrim(p_reason), '') = '' THEN
    RAISE EXCEPTION 'gpr: % needs a reason', p_action USING ERRCODE = '22023';
  END IF;
  PERFORM set_config('gpr.reason', coalesce(p_reason, ''), true);
  IF sub.id IS NULL THEN
    INSERT INTO {s}.submissions (unit_id, month, state, reason, submitted_at, updated_at, updated_by, version)
    VALUES (p_unit, p_month, target, NULL, CASE WHEN target = 'submitted' THEN now() AT TIME ZONE 'UTC' END,
            now() AT TIME ZONE 'UTC', actor, 1)
    RETURNING * INTO sub;
  ELSE
    UPDATE {s}.submissions SET state = target,
      reason = CASE WHEN p_action IN ('return', 'reopen') THEN p_reason END,
      submitted_at = CASE WHEN p_action = 'submit' AND submitted_at IS NULL THEN now() AT TIME ZONE 'UTC'
                          ELSE submitted_at END,
      updated_at = now() AT TIME ZONE 'UTC', updated_by = actor, version = version + 1
    WHERE id = sub.id RETURNING * INTO sub;
  END IF;
  RETURN sub;
END $$;

-- users rows and login roles kept in step (run as the owner, who has CREATEROLE): a row makes its role
-- (NOLOGIN until it has a password), the row's role picks the group, deactivation is NOLOGIN
CREATE OR REPLACE FUNCTION {s}.gpr_manageable(who name) RETURNS boolean {head} AS $$
  SELECT NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = who
                     AND (r.rolsuper OR r.rolcreaterole OR r.rolcreatedb OR r.rolreplication OR r.rolbypassrls))
     AND NOT {s}.gpr_is_owner(who)
     AND (NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = who)
          OR EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                     JOIN pg_roles r ON r.oid = m.member
                     WHERE r.rolname = who AND g.rolname LIKE 'gpr\\_%'))
$$;

CREATE OR REPLACE FUNCTION {s}.gpr_users_sync() RETURNS trigger {plhead} AS $$
DECLARE
  g text;
BEGIN
  IF NOT {s}.gpr_manageable(NEW.name) THEN
    RAISE EXCEPTION 'gpr: the database role % exists and is not one of this app''s users', NEW.name
      USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = NEW.name) THEN
    EXECUTE format('CREATE ROLE %I NOLOGIN', NEW.name);
  END IF;
  FOREACH g IN ARRAY ARRAY{list(GROUPS)!r}::text[] LOOP
    IF g = 'gpr_' || NEW.role THEN
      EXECUTE format('GRANT %I TO %I', g, NEW.name);
    ELSIF pg_has_role(NEW.name, g, 'MEMBER') THEN
      EXECUTE format('REVOKE %I FROM %I', g, NEW.name);
    END IF;
  END LOOP;
  IF NOT NEW.active OR NEW.password_hash IS NULL THEN
    EXECUTE format('ALTER ROLE %I NOLOGIN', NEW.name);
  ELSE
    EXECUTE format('ALTER ROLE %I LOGIN', NEW.name);
  END IF;
  RETURN NEW;
END $$;

-- a password (as a SCRAM verifier made by the client: the clear text never reaches the server's logs)
-- set by an administrator, or by the user for themselves
CREATE OR REPLACE FUNCTION {s}.gpr_set_password(p_name text, p_verifier text) RETURNS void {plhead} AS $$
BEGIN
  IF NOT (session_user = p_name OR {s}.gpr_role(session_user) = 'admin') THEN
    RAISE EXCEPTION 'gpr: % may not set the password of %', session_user, p_name USING ERRCODE = '42501';
  END IF;
  IF p_verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
    RAISE EXCEPTION 'gpr: a password is set as a SCRAM-SHA-256 verifier' USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM {s}.users WHERE name = p_name) OR NOT {s}.gpr_manageable(p_name) THEN
    RAISE EXCEPTION 'gpr: % is not a user of this app', p_name USING ERRCODE = '42501';
  END IF;
  EXECUTE format('ALTER ROLE %I PASSWORD %L', p_name, p_verifier);
  INSERT INTO {s}.audit_log (action, entity, entity_key, institution_id)
  SELECT 'password', 'user', p_name, institution_id FROM {s}.users WHERE name = p_name;
  UPDATE {s}.users SET password_hash = '{SERVER_PASSWORD}', failed_attempts = 0, locked_until = NULL
  WHERE name = p_name;
END $$;

-- a change drops every user's cached scorecards of the institution (a user can see only their own)
CREATE OR REPLACE FUNCTION {s}.gpr_drop_cache(inst integer) RETURNS void {plhead} AS $$
BEGIN
  DELETE FROM {s}.scorecard_cache WHERE institution_id = inst;
END $$;

-- what an audited row says: its key, where it is, and its columns (bookkeeping and secrets left out)
CREATE OR REPLACE FUNCTION {s}.gpr_audit_key(entity text, j jsonb) RETURNS text
LANGUAGE sql STABLE SET search_path = {s}, pg_temp AS $$
  SELECT CASE entity
    WHEN 'result' THEN concat_ws('/', j->>'indicator_id', j->>'unit_id', j->>'month')
    WHEN 'target' THEN concat_ws('/', j->>'indicator_id', j->>'unit_id', j->>'month')
    WHEN 'submission' THEN concat_ws('/', (SELECT i.code FROM {s}.institutions i JOIN {s}.units u
                                            ON u.institution_id = i.id WHERE u.id = (j->>'unit_id')::int),
                                     (SELECT code FROM {s}.units WHERE id = (j->>'unit_id')::int),
                                     left(j->>'month', 4) || '-' || right(j->>'month', 2))
    WHEN 'user' THEN j->>'name'
    WHEN 'population' THEN concat_ws('/', j->>'unit_id', j->>'year')
    WHEN 'baseline' THEN concat_ws('/', j->>'indicator_id', j->>'unit_id')
    WHEN 'thresholds' THEN concat_ws('/', (SELECT code FROM {s}.institutions WHERE id = (j->>'institution_id')::int),
                                     j->>'valid_from')
    WHEN 'source' THEN concat_ws('/', (SELECT code FROM {s}.institutions WHERE id = (j->>'institution_id')::int),
                                 j->>'code')
    WHEN 'source_figure' THEN concat_ws('/', coalesce((SELECT code FROM {s}.sources WHERE id = (j->>'source_id')::int),
                                                      j->>'source_id'),
                                        j->>'indicator_id', j->>'unit_id', j->>'month')
    WHEN 'certification' THEN concat_ws('/', j->>'indicator_id', j->>'unit_id', j->>'month')
    ELSE coalesce(j->>'code', j->>'name', j->>'id') END
$$;

CREATE OR REPLACE FUNCTION {s}.gpr_audit_strip(j jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT j - ARRAY['id', 'version', 'updated_at', 'entered_at', 'updated_by', 'entered_by', 'created_at',
                   'password_hash', 'failed_attempts', 'locked_until', 'certified_at', 'certified_by']
$$;

CREATE OR REPLACE FUNCTION {s}.gpr_audit_institution(entity text, j jsonb) RETURNS integer
LANGUAGE sql STABLE SET search_path = {s}, pg_temp AS $$
  SELECT coalesce(
    CASE WHEN entity = 'institution' THEN (j->>'id')::int ELSE (j->>'institution_id')::int END,
    (SELECT institution_id FROM {s}.units WHERE id = (j->>'unit_id')::int),
    (SELECT institution_id FROM {s}.indicators WHERE id = (j->>'indicator_id')::int),
    (SELECT institution_id FROM {s}.plans WHERE id = (j->>'plan_id')::int))
$$;

-- statement-level: one entry per changed row (new figures of an import: one per batch, as the app does)
CREATE OR REPLACE FUNCTION {s}.gpr_audit_rows() RETURNS trigger {plhead} AS $$
DECLARE
  entity text := TG_ARGV[0];
  here text[] := string_to_array(coalesce(current_setting('gpr.batches', true), ''), ',');
  counted record;
BEGIN
  IF TG_OP = 'INSERT' AND entity IN ('result', 'target') THEN
    -- values of a batch made in this transaction are counted, and audited once per batch at commit
    -- (gpr_audit_batch); any other new value gets its own entry
    INSERT INTO {s}.audit_log (action, entity, entity_key, institution_id, unit_id, indicator_id, month,
                               old, new, batch_id)
    SELECT 'create', entity, concat_ws('/', n.indicator_id, n.unit_id, n.month), u.institution_id,
           n.unit_id, n.indicator_id, n.month, NULL, {s}.gpr_audit_strip(to_jsonb(n))::json, n.batch_id
    FROM new_rows n JOIN {s}.units u ON u.id = n.unit_id
    WHERE n.batch_id IS NULL OR NOT (n.batch_id::text = ANY(here)) ORDER BY n.id;
    FOR counted IN
      SELECT n.batch_id AS batch, count(*) AS k, min(u.institution_id) AS inst
      FROM new_rows n JOIN {s}.units u ON u.id = n.unit_id
      WHERE n.batch_id::text = ANY(here) GROUP BY n.batch_id
    LOOP
      PERFORM set_config('gpr.' || entity || '_' || counted.batch,
        (coalesce(nullif(current_setting('gpr.' || entity || '_' || counted.batch, true), ''), '0')::bigint
         + counted.k)::text, true);
      PERFORM set_config('gpr.institution_' || counted.batch, counted.inst::text, true);
    END LOOP;
    DELETE FROM {s}.scorecard_cache WHERE institution_id IN
      (SELECT u.institution_id FROM {s}.units u WHERE u.id IN (SELECT unit_id FROM new_rows));
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO {s}.audit_log (action, entity, entity_key, institution_id, unit_id, indicator_id, month,
                               old, new, batch_id)
    SELECT CASE WHEN entity = 'submission' AND j->>'state' = 'submitted' THEN 'submit' ELSE 'create' END,
           entity, {s}.gpr_audit_key(entity, j), {s}.gpr_audit_institution(entity, j),
           (j->>'unit_id')::int, (j->>'indicator_id')::int, coalesce(j->>'month', j->>'valid_from')::int,
           CASE WHEN entity = 'submission' THEN json_build_object('state', 'open') END,  -- a month starts open
           {s}.gpr_audit_strip(j)::json, (j->>'batch_id')::int
    FROM (SELECT to_jsonb(n) AS j FROM new_rows n) r ORDER BY (j->>'id')::bigint;
  ELSIF TG_OP = 'UPDATE' THEN
    INSERT INTO {s}.audit_log (action, entity, entity_key, institution_id, unit_id, indicator_id, month,
                               old, new, batch_id)
    SELECT CASE
             WHEN entity = 'submission' THEN CASE
               WHEN o.j->>'state' = 'approved' AND n.j->>'state' = 'open' THEN 'reopen'
               WHEN n.j->>'state' = 'submitted' THEN 'submit'
               WHEN n.j->>'state' = 'approved' THEN 'approve'
               WHEN n.j->>'state' = 'returned' THEN 'return' ELSE 'update' END
             WHEN entity = 'result' AND d.keys <@ ARRAY['cause', 'action'] THEN 'justify'
             WHEN entity IN ('result', 'target') THEN 'revise'
             ELSE 'update' END,
           entity, {s}.gpr_audit_key(entity, n.j), {s}.gpr_audit_institution(entity, n.j),
           (n.j->>'unit_id')::int, (n.j->>'indicator_id')::int, coalesce(n.j->>'month', n.j->>'valid_from')::int,
           (SELECT jsonb_object_agg(k, o.j->k) FROM unnest(d.keys) k)::json,
           (SELECT jsonb_object_agg(k, n.j->k) FROM unnest(d.keys) k)::json,
           (n.j->>'batch_id')::int
    FROM (SELECT to_jsonb(x) AS j FROM old_rows x) o
    JOIN (SELECT to_jsonb(x) AS j FROM new_rows x) n ON n.j->'id' = o.j->'id'
                                                      OR (n.j->'id' IS NULL AND {s}.gpr_audit_key(entity, n.j)
                                                          = {s}.gpr_audit_key(entity, o.j))
    CROSS JOIN LATERAL (
      SELECT array_agg(k ORDER BY k) AS keys FROM jsonb_object_keys({s}.gpr_audit_strip(n.j)) k
      WHERE (o.j->k) IS DISTINCT FROM (n.j->k)
        -- where a value came from moves with it (the entry names the batch); an institution's level names
        -- follow its unit tree, whose load is audited unit by unit
        AND k NOT IN ('batch_id', 'edition_id', 'source_file', 'source_sheet', 'source_row', 'level_names')
        AND (k <> 'source' OR entity = 'certification')  -- a certification's source is what it certifies
    ) d
    WHERE d.keys IS NOT NULL
    ORDER BY (n.j->>'id')::bigint;
    IF entity IN ('result', 'target') THEN
      DELETE FROM {s}.scorecard_cache WHERE institution_id IN
        (SELECT u.institution_id FROM {s}.units u WHERE u.id IN (SELECT unit_id FROM new_rows));
    END IF;
  ELSE
    INSERT INTO {s}.audit_log (action, entity, entity_key, institution_id, unit_id, indicator_id, month,
                               old, new, batch_id)
    SELECT 'delete', entity, {s}.gpr_audit_key(entity, j), {s}.gpr_audit_institution(entity, j),
           (j->>'unit_id')::int, (j->>'indicator_id')::int, coalesce(j->>'month', j->>'valid_from')::int,
           {s}.gpr_audit_strip(j)::json, NULL, (j->>'batch_id')::int
    FROM (SELECT to_jsonb(x) AS j FROM old_rows x) r ORDER BY (j->>'id')::bigint;
    IF entity IN ('result', 'target') THEN
      DELETE FROM {s}.scorecard_cache WHERE institution_id IN
        (SELECT u.institution_id FROM {s}.units u WHERE u.id IN (SELECT unit_id FROM old_rows));
    END IF;
  END IF;
  RETURN NULL;
END $$;

-- a batch made in this transaction is noted, and audited at commit with the count of its new values
CREATE OR REPLACE FUNCTION {s}.gpr_note_batch() RETURNS trigger {plhead} AS $$
BEGIN
  PERFORM set_config('gpr.batches', coalesce(current_setting('gpr.batches', true), '') || NEW.id || ',', true);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION {s}.gpr_audit_batch() RETURNS trigger {plhead} AS $$
DECLARE
  ent text;
  k bigint;
BEGIN
  FOREACH ent IN ARRAY ARRAY['result', 'target'] LOOP
    k := nullif(current_setting('gpr.' || ent || '_' || NEW.id, true), '')::bigint;
    IF k > 0 THEN
      INSERT INTO {s}.audit_log (action, entity, entity_key, institution_id, old, new, batch_id)
      VALUES (CASE ent WHEN 'result' THEN 'file' ELSE 'set' END, 'batch', NEW.id::text,
              nullif(current_setting('gpr.institution_' || NEW.id, true), '')::int, NULL,
              json_build_object('new_values', k, 'file', NEW.file, 'kind', NEW.kind), NEW.id);
    END IF;
  END LOOP;
  RETURN NULL;
END $$;

-- what an entry's hash covers, as text (every column but the id and the chain's own)
CREATE OR REPLACE FUNCTION {s}.gpr_audit_content(a {s}.audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT concat_ws('|', quote_nullable(a.seq), quote_nullable(to_char(a.at, 'YYYY-MM-DD"T"HH24:MI:SS.US')),
                   quote_nullable(a."user"), quote_nullable(a.db_user), quote_nullable(a.action),
                   quote_nullable(a.entity), quote_nullable(a.entity_key), quote_nullable(a.institution_id),
                   quote_nullable(a.unit_id), quote_nullable(a.indicator_id), quote_nullable(a.month),
                   quote_nullable(a.old::text), quote_nullable(a.new::text), quote_nullable(a.reason),
                   quote_nullable(a.batch_id))
$$;

CREATE OR REPLACE FUNCTION {s}.gpr_audit_hash(prev text, a {s}.audit_log) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = {s}, pg_temp AS $$
  SELECT encode(sha256(convert_to(coalesce(prev, '') || {s}.gpr_audit_content(a), 'UTF8')), 'hex')
$$;

-- the chain as verify walks it, whole whatever the caller may read of the trail
CREATE OR REPLACE FUNCTION {s}.gpr_audit_links()
RETURNS TABLE (id integer, seq bigint, prev_hash text, hash text, computed text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = {s}, pg_temp AS $$
  SELECT a.id, a.seq, a.prev_hash::text, a.hash::text, {s}.gpr_audit_hash(a.prev_hash, a) FROM {s}.audit_log a
  ORDER BY a.seq NULLS FIRST, a.id
$$;

-- nobody rewrites the trail, its owner included: only the chaining of entries written before the chain
-- existed (an upgraded server) may fill their empty links.  Turning this off takes the owner's ALTER TABLE
-- or a superuser's session_replication_role, and the chain still shows what was done meanwhile.
CREATE OR REPLACE FUNCTION {s}.gpr_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL AND NEW.seq IS NOT NULL
       AND to_jsonb(NEW) - ARRAY['seq', 'prev_hash', 'hash'] = to_jsonb(OLD) - ARRAY['seq', 'prev_hash', 'hash'] THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'gpr: the audit trail is append-only (% refused)', TG_OP USING ERRCODE = '42501';
END $$;

-- every entry, whoever inserts it: who (the login), when (the server's clock), the reason the app passed,
-- and its place in the chain (the head row is locked to the end of the transaction: one chain, no forks)
CREATE OR REPLACE FUNCTION {s}.gpr_audit_chain() RETURNS trigger {plhead} AS $$
DECLARE
  head {s}.audit_chain;
BEGIN
  NEW.at := clock_timestamp() AT TIME ZONE 'UTC';
  NEW.db_user := session_user;
  NEW."user" := coalesce(nullif(current_setting('gpr.app_user', true), ''), NEW."user", session_user::text);
  NEW.reason := coalesce(NEW.reason, nullif(current_setting('gpr.reason', true), ''));
  SELECT * INTO head FROM {s}.audit_chain WHERE id = 1 FOR UPDATE;
  NEW.seq := coalesce(head.seq, 0) + 1;
  NEW.prev_hash := head.hash;
  NEW.hash := {s}.gpr_audit_hash(head.hash, NEW);
  UPDATE {s}.audit_chain SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END $$;
"""


def _policies(s: str) -> list[str]:
    """Row-level security.  The owner bypasses it (it is not FORCEd): upgrades and repairs stay possible."""
    me = "current_user"
    read_units = (
        f"(SELECT id FROM {s}.units WHERE {s}.gpr_reads_all({me}) OR institution_id = {s}.gpr_institution({me}))"
    )
    out: list[str] = []

    def policy(table: str, name: str, command: str, using: str | None, check: str | None = None) -> None:
        out.append(f"DROP POLICY IF EXISTS {name} ON {s}.{table}")
        clause = f"CREATE POLICY {name} ON {s}.{table} FOR {command} TO {ALL_GROUPS}"
        if using is not None:
            clause += f" USING ({using})"
        if check is not None:
            clause += f" WITH CHECK ({check})"
        out.append(clause)

    for table in ("results", "targets", "submissions"):
        out.append(f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY")
        policy(table, "gpr_read", "SELECT", f"unit_id IN {read_units}")
    writes = f"{s}.gpr_writes_result({me}, unit_id, month)"
    policy("results", "gpr_insert", "INSERT", None, writes)
    policy("results", "gpr_update", "UPDATE", writes, writes)
    policy("results", "gpr_delete", "DELETE", writes)
    plans_unit = f"{s}.gpr_plans_unit({me}, unit_id)"
    for table, rule in (
        ("targets", f"{plans_unit} AND {s}.gpr_target_open(unit_id, month)"),
        ("unit_populations", plans_unit),
        ("unit_closure", f"{s}.gpr_plans_unit({me}, descendant_id)"),
        ("units", f"{s}.gpr_plans({me}, institution_id)"),
        ("plans", f"{s}.gpr_plans({me}, institution_id)"),
        ("indicators", f"{s}.gpr_plans({me}, institution_id)"),
        ("objectives", f"{s}.gpr_plans({me}, (SELECT institution_id FROM {s}.plans WHERE id = plan_id))"),
        ("indicator_versions", f"{s}.gpr_plans_indicator({me}, indicator_id)"),
        ("unit_baselines", f"{s}.gpr_plans_indicator({me}, indicator_id)"),
        ("institutions", f"{s}.gpr_plans({me}, id)"),
        ("institution_thresholds", f"{s}.gpr_plans({me}, institution_id)"),
    ):
        out.append(f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY")
        if table not in ("results", "targets", "submissions"):
            policy(table, "gpr_read", "SELECT", "true")
        policy(table, "gpr_insert", "INSERT", None, rule)
        policy(table, "gpr_update", "UPDATE", rule, rule)
        policy(table, "gpr_delete", "DELETE", rule)
    # each user's cached scorecards are their own (nobody can plant a scorecard another reads); a change
    # drops everyone's (gpr_drop_cache, and the audit trigger of results and targets)
    out.append(f"ALTER TABLE {s}.scorecard_cache ALTER COLUMN built_by SET DEFAULT current_user")
    out.append(f"ALTER TABLE {s}.scorecard_cache ENABLE ROW LEVEL SECURITY")
    policy("scorecard_cache", "gpr_own", "ALL", f"built_by = {me}", f"built_by = {me}")
    # the trail of one's institution (a user bound to none reads it all; entries of no institution too)
    out.append(f"ALTER TABLE {s}.audit_log ENABLE ROW LEVEL SECURITY")
    policy(
        "audit_log", "gpr_read", "SELECT",
        f"institution_id IS NULL OR {s}.gpr_reads_all({me}) OR institution_id = {s}.gpr_institution({me})",
    )  # fmt: skip
    # a batch is its author's
    out.append(f"ALTER TABLE {s}.batches ENABLE ROW LEVEL SECURITY")
    policy("batches", "gpr_read", "SELECT", "true")
    policy("batches", "gpr_insert", "INSERT", None, f"\"user\" = {me} OR {s}.gpr_role({me}) = 'admin'")
    policy("batches", "gpr_update", "UPDATE", f'"user" = {me}', f'"user" = {me}')
    out.extend(_source_policies(s, read_units))
    return out


def _source_policies(s: str, read_units: str) -> list[str]:
    """Sources, editions and certifications: read by the institution, written as the grants say (a command
    without a grant has no policy either)."""
    me = "current_user"
    read_inst = f"{s}.gpr_reads_all({me}) OR institution_id = {s}.gpr_institution({me})"
    plans = f"{s}.gpr_plans({me}, institution_id)"
    # the unit and indicator must be the institution's too: no certifying another's figure under one's own
    certifies = f"{plans} AND {s}.gpr_plans_unit({me}, unit_id) AND {s}.gpr_plans_indicator({me}, indicator_id)"
    figures = f"{s}.gpr_plans_source({me}, source_id) AND {s}.gpr_plans_unit({me}, unit_id)"
    # an edition is its importer's (as a batch is); its rows are the importer's own units
    edition = f"{s}.gpr_imports({me}, institution_id) AND (\"user\" = {me} OR {s}.gpr_role({me}) = 'admin')"
    edition_rows = (
        f"edition_id IN (SELECT {s}.gpr_own_editions({me})) AND unit_id IN (SELECT {s}.gpr_scope_units({me}))"
    )
    out = []
    for table, read, writes in (
        ("sources", read_inst, {"insert": plans, "update": plans}),
        ("certifications", read_inst, {"insert": certifies, "update": certifies}),
        ("source_figures", f"unit_id IN {read_units}", {"insert": figures, "update": figures, "delete": figures}),
        ("editions", read_inst, {"insert": edition}),
        ("edition_values", f"unit_id IN {read_units}", {"insert": edition_rows}),
        ("register_events", f"unit_id IN {read_units}", {"insert": edition_rows}),
    ):
        out.append(f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY")
        for command, using, check in (
            ("SELECT", read, None),
            ("INSERT", None, writes.get("insert")),
            ("UPDATE", writes.get("update"), writes.get("update")),
            ("DELETE", writes.get("delete"), None),
        ):
            name = f"gpr_{command.lower()}" if command != "SELECT" else "gpr_read"
            out.append(f"DROP POLICY IF EXISTS {name} ON {s}.{table}")
            if using is None and check is None:
                continue
            clause = f"CREATE POLICY {name} ON {s}.{table} FOR {command} TO {ALL_GROUPS}"
            clause += f" USING ({using})" if using is not None else ""
            clause += f" WITH CHECK ({check})" if check is not None else ""
            out.append(clause)
    return out


def _triggers(s: str) -> list[str]:
    out = [
        f"DROP TRIGGER IF EXISTS gpr_chain ON {s}.audit_log",
        f"CREATE TRIGGER gpr_chain BEFORE INSERT ON {s}.audit_log FOR EACH ROW EXECUTE FUNCTION {s}.gpr_audit_chain()",
        f"DROP TRIGGER IF EXISTS gpr_append_only ON {s}.audit_log",
        f"CREATE TRIGGER gpr_append_only BEFORE UPDATE OR DELETE ON {s}.audit_log FOR EACH ROW "
        f"EXECUTE FUNCTION {s}.gpr_audit_append_only()",
        f"DROP TRIGGER IF EXISTS gpr_no_truncate ON {s}.audit_log",
        f"CREATE TRIGGER gpr_no_truncate BEFORE TRUNCATE ON {s}.audit_log FOR EACH STATEMENT "
        f"EXECUTE FUNCTION {s}.gpr_audit_append_only()",
        f"DROP TRIGGER IF EXISTS gpr_note_batch ON {s}.batches",
        f"CREATE TRIGGER gpr_note_batch AFTER INSERT ON {s}.batches FOR EACH ROW EXECUTE FUNCTION {s}.gpr_note_batch()",
        f"DROP TRIGGER IF EXISTS gpr_audit_batch ON {s}.batches",
        f"CREATE CONSTRAINT TRIGGER gpr_audit_batch AFTER INSERT ON {s}.batches DEFERRABLE INITIALLY DEFERRED "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.gpr_audit_batch()",
        f"DROP TRIGGER IF EXISTS gpr_users_sync ON {s}.users",
        f"CREATE TRIGGER gpr_users_sync AFTER INSERT OR UPDATE OF role, active, password_hash ON {s}.users "
        f"FOR EACH ROW EXECUTE FUNCTION {s}.gpr_users_sync()",
    ]
    for table, entity in AUDITED.items():
        for event, ref in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
        ):
            name = f"gpr_audit_{event.lower()}"
            out.append(f"DROP TRIGGER IF EXISTS {name} ON {s}.{table}")
            out.append(
                f"CREATE TRIGGER {name} AFTER {event} ON {s}.{table} REFERENCING {ref} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {s}.gpr_audit_rows('{entity}')"
            )
    return out


def _callable(s: str) -> list[str]:
    """Functions the groups may call (every other one stays the owner's)."""
    return [
        f"GRANT EXECUTE ON FUNCTION {s}.gpr_transition(integer, integer, text, text, integer) "
        "TO gpr_commander, gpr_planner, gpr_admin",
        f"GRANT EXECUTE ON FUNCTION {s}.gpr_hold_months(integer[]) TO {ALL_GROUPS}",
        f"GRANT EXECUTE ON FUNCTION {s}.gpr_drop_cache(integer) TO {ALL_GROUPS}",
        f"GRANT EXECUTE ON FUNCTION {s}.gpr_audit_links() TO {ALL_GROUPS}",
        f"GRANT EXECUTE ON FUNCTION {s}.gpr_set_password(text, text) TO {ALL_GROUPS}",
        # the policies' helpers run with the caller's rights to call them
        *(
            f"GRANT EXECUTE ON FUNCTION {s}.{f} TO {ALL_GROUPS}"
            for f in (
                "gpr_is_owner(name)",
                "gpr_role(name)",
                "gpr_institution(name)",
                "gpr_reads_all(name)",
                "gpr_plans(name, integer)",
                "gpr_plans_unit(name, integer)",
                "gpr_plans_indicator(name, integer)",
                "gpr_writes_result(name, integer, integer)",
                "gpr_target_open(integer, integer)",
                "gpr_plans_source(name, integer)",
                "gpr_imports(name, integer)",
                "gpr_own_editions(name)",
                "gpr_scope_units(name)",
            )
        ),
    ]


# entries written before the server chained them (an upgraded server), chained in id order
_CHAIN_EXISTING = """
DO $$ DECLARE r {s}.audit_log; prev text; n bigint; BEGIN
  IF EXISTS (SELECT 1 FROM {s}.audit_log WHERE seq IS NULL) THEN
    SELECT seq, hash INTO n, prev FROM {s}.audit_chain WHERE id = 1 FOR UPDATE;
    FOR r IN SELECT * FROM {s}.audit_log WHERE seq IS NULL ORDER BY id LOOP
      n := n + 1; r.seq := n; r.prev_hash := prev; prev := {s}.gpr_audit_hash(prev, r);
      UPDATE {s}.audit_log SET seq = n, prev_hash = r.prev_hash, hash = prev WHERE id = r.id;
    END LOOP;
    UPDATE {s}.audit_chain SET seq = n, hash = prev WHERE id = 1;
  END IF;
END $$
"""


def install(engine: Engine) -> dict[str, Any]:
    """Make the group roles and put the grants, policies, functions and triggers on the current schema
    (idempotent).  Returns the app users that still need a password (and so a login) on the server."""
    with engine.begin() as conn:
        schema = str(conn.execute(text("SELECT current_schema()")).scalar_one())
        s = '"' + schema.replace('"', '""') + '"'
        _groups(conn)
        conn.execute(text(f"INSERT INTO {s}.audit_chain (id, seq, hash) VALUES (1, 0, NULL) ON CONFLICT DO NOTHING"))
        for sql in (_functions(s), *_grants(s), *_policies(s), *_triggers(s), *_callable(s)):
            _run(conn, sql)
        _run(conn, _CHAIN_EXISTING.format(s=s))
        # a server keeps no password hash: rows upgraded from the app's own passwords wait for a server one,
        # and every manageable row gets its role and group (the sync trigger); names taken by roles that
        # are not the app's are reported, not touched
        foreign = [
            str(n) for (n,) in conn.execute(text(f"SELECT name FROM {s}.users WHERE NOT {s}.gpr_manageable(name)"))
        ]
        conn.execute(
            text(
                f"UPDATE {s}.users SET password_hash = CASE WHEN password_hash = :m THEN :m END "
                f"WHERE {s}.gpr_manageable(name)"
            ),
            {"m": SERVER_PASSWORD},
        )
        _run(conn, f"ALTER TABLE {s}.users DROP CONSTRAINT IF EXISTS ck_users_no_hash_on_server")
        if not foreign:
            _run(
                conn,
                f"ALTER TABLE {s}.users ADD CONSTRAINT ck_users_no_hash_on_server "
                f"CHECK (password_hash IS NULL OR password_hash = '{SERVER_PASSWORD}')",
            )
        waiting = [
            str(n)
            for (n,) in conn.execute(
                text(f"SELECT name FROM {s}.users WHERE active AND password_hash IS NULL ORDER BY name")
            )
        ]
    return {"schema": schema, "groups": list(GROUPS), "users_without_password": waiting, "foreign_roles": foreign}


def drop_user_roles(dsn: str, schema: str) -> list[str]:
    """Drop the login roles of a schema's users (those that are the app's: in a gpr_* group, no superuser),
    before the schema itself is dropped: roles are the cluster's and would outlive it.  Returns the names."""
    import psycopg

    dropped = []
    with psycopg.connect(dsn, autocommit=True) as conn:
        if not conn.execute(
            "SELECT 1 FROM pg_tables WHERE schemaname = %s AND tablename = 'users'", (schema,)
        ).fetchone():
            return []
        quoted = '"' + schema.replace('"', '""') + '"'
        for (name,) in conn.execute(f"SELECT name FROM {quoted}.users").fetchall():
            managed = conn.execute(
                "SELECT 1 FROM pg_roles r WHERE r.rolname = %s AND NOT r.rolsuper AND EXISTS (SELECT 1 FROM "
                "pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid WHERE m.member = r.oid "
                "AND g.rolname = ANY(%s))",
                (name, list(GROUPS)),
            ).fetchone()
            if managed:
                conn.execute(f'DROP ROLE IF EXISTS "{name}"')
                dropped.append(str(name))
    return dropped
