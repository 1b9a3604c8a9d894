package com.tikneuron.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

/**
 * billing's migrations on schemas of their own: every function and view is defined once, in one repeatable
 * migration ({@code R__…sql}), with the signature the service calls, whether the schema is new or was made by the
 * versioned migrations alone (as every database deployed before the repeatables existed).
 */
@QuarkusTest
class MigrationsTest {

    private static final String LOCATION = "db/migration";
    private static final String FRESH = "billing_migrations_fresh";
    private static final String UPGRADED = "billing_migrations_upgraded";

    /** Each function of the schema: its identity arguments and what it returns. */
    private static final Map<String, String> FUNCTIONS = new TreeMap<>(Map.of(
            "adjust_credits(p_account_id uuid, p_amount bigint, p_reason text)",
            "TABLE(outcome text, available bigint)",
            "apply_settlements(p_event_ids text[], p_types text[], p_hold_ids text[], p_account_ids uuid[], p_reasons text[])",
            "TABLE(outcome text, capability text, amount bigint, mode text)",
            "apply_settlements_on_time(p_event_ids text[], p_types text[], p_hold_ids text[], p_account_ids uuid[], p_reasons text[])",
            "TABLE(outcome text, capability text, amount bigint, mode text)",
            "create_hold(p_hold_id text, p_account_id uuid, p_amount bigint, p_capability text, p_video_id text, "
                    + "p_request_id text, p_correlation_id text, p_mode text, p_ttl_seconds integer)",
            "TABLE(outcome text, status text, amount bigint, mode text, expires_at timestamp with time zone, "
                    + "available bigint, reserved bigint)",
            "expire_holds(p_limit integer)",
            "TABLE(capability text, holds bigint, credits bigint)",
            "open_account(p_id uuid, p_name text, p_credits bigint)",
            "void",
            "record_cached_use(p_event_id text, p_account_id uuid, p_capability text, p_video_id text, "
                    + "p_request_id text, p_correlation_id text, p_mode text, p_occurred_at timestamp with time zone)",
            "text",
            "refund_call(p_account_id uuid, p_call_id text, p_reason text, p_window interval)",
            "TABLE(hold_id text, outcome text, amount bigint, capability text, mode text)",
            "refuse_ledger_change()",
            "trigger"));

    private static final Pattern DEFINITION = Pattern.compile(
            "CREATE\\s+(?:OR\\s+REPLACE\\s+)?(FUNCTION|VIEW)\\s+([a-z_]+)", Pattern.CASE_INSENSITIVE);

    @Inject
    DataSource dataSource;

    @TempDir
    Path versionedOnly;

    @AfterEach
    void dropSchemas() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + FRESH + " CASCADE", "DROP SCHEMA IF EXISTS " + UPGRADED + " CASCADE");
    }

    @Test
    void aNewSchemaHasEachFunctionOnceWithTheSignatureTheServiceCalls() throws SQLException {
        execute("DROP SCHEMA IF EXISTS " + FRESH + " CASCADE");
        flyway(FRESH, "classpath:" + LOCATION).migrate();

        assertEquals(FUNCTIONS, functions(FRESH));
        assertEquals(List.of("invariant_violations"), views(FRESH));
    }

    @Test
    void aSchemaOfTheVersionedMigrationsAloneEndsTheSameAsANewOne() throws SQLException, IOException {
        execute("DROP SCHEMA IF EXISTS " + FRESH + " CASCADE", "DROP SCHEMA IF EXISTS " + UPGRADED + " CASCADE");
        Flyway all = flyway(UPGRADED, "classpath:" + LOCATION);
        int versioned = 0;
        for (MigrationInfo migration : all.info().all()) {
            if (migration.getVersion() != null) {
                Files.writeString(versionedOnly.resolve(migration.getScript()), script(migration.getScript()));
                versioned++;
            }
        }
        assertTrue(versioned >= 9, "versioned migrations found: " + versioned);
        flyway(UPGRADED, "filesystem:" + versionedOnly).migrate();
        assertTrue(functions(UPGRADED).containsKey("apply_settlement(p_event_id text, p_type text, p_hold_id text, "
                + "p_account_id uuid, p_reason text)"), "the versioned migrations alone leave the per-event function");

        all.migrate();
        flyway(FRESH, "classpath:" + LOCATION).migrate();

        assertEquals(FUNCTIONS, functions(UPGRADED));
        assertEquals(List.of("invariant_violations"), views(UPGRADED));
        assertEquals(definitions(FRESH), definitions(UPGRADED));
    }

    @Test
    void eachFunctionAndViewIsDefinedInExactlyOneRepeatableMigration() throws SQLException {
        Map<String, List<String>> definedIn = new TreeMap<>();
        for (MigrationInfo migration : flyway(FRESH, "classpath:" + LOCATION).info().all()) {
            if (migration.getVersion() == null) {
                Matcher definition = DEFINITION.matcher(withoutComments(script(migration.getScript())));
                while (definition.find()) {
                    definedIn.computeIfAbsent(definition.group(2).toLowerCase(), name -> new ArrayList<>())
                            .add(migration.getScript());
                }
            }
        }
        execute("DROP SCHEMA IF EXISTS " + FRESH + " CASCADE");
        flyway(FRESH, "classpath:" + LOCATION).migrate();
        Set<String> objects = new TreeSet<>(views(FRESH));
        functions(FRESH).keySet().forEach(signature -> objects.add(signature.substring(0, signature.indexOf('('))));

        assertEquals(objects, definedIn.keySet());
        definedIn.forEach((name, scripts) -> assertEquals(1, scripts.size(), name + " is defined in " + scripts));
    }

    private Flyway flyway(String schema, String location) {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(location)
                .load();
    }

    /** Signature → result type of each function of the schema. */
    private Map<String, String> functions(String schema) throws SQLException {
        return query("""
                SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
                       pg_get_function_result(p.oid)
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = '%s'
                """.formatted(schema));
    }

    private List<String> views(String schema) throws SQLException {
        return List.copyOf(query("SELECT viewname, '' FROM pg_views WHERE schemaname = '%s'".formatted(schema))
                .keySet());
    }

    /** Each function's and view's full definition, with the schema's name taken out. */
    private Map<String, String> definitions(String schema) throws SQLException {
        Map<String, String> definitions = query("""
                SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid)
                  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                 WHERE n.nspname = '%1$s'
                UNION ALL
                SELECT viewname, definition FROM pg_views WHERE schemaname = '%1$s'
                """.formatted(schema));
        Map<String, String> anonymous = new TreeMap<>();
        definitions.forEach((name, text) -> anonymous.put(name.replace(schema + ".", ""), text.replace(schema, "")));
        return anonymous;
    }

    private Map<String, String> query(String sql) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.put(result.getString(1), result.getString(2));
            }
        }
        return rows;
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static String script(String name) {
        try (InputStream in = MigrationsTest.class.getClassLoader().getResourceAsStream(LOCATION + "/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String withoutComments(String sql) {
        return sql.replaceAll("--[^\n]*", "");
    }
}
