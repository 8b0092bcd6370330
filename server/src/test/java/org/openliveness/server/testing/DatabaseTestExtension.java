package org.openliveness.server.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Runs a {@link DatabaseTest} once per {@link DatabaseKind}, each invocation on its own fresh database. */
final class DatabaseTestExtension implements TestTemplateInvocationContextProvider {

    private static final AtomicInteger H2_COUNTER = new AtomicInteger();
    private static final List<Class<?>> RESOLVABLE = List.of(TestDatabase.class, DataSource.class, JdbcClient.class, DatabaseKind.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> m.isAnnotationPresent(DatabaseTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Arrays.stream(DatabaseKind.values()).map(Invocation::new);
    }

    private record Invocation(DatabaseKind kind) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return kind == DatabaseKind.H2 ? "H2" : "PostgreSQL";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new DatabaseParameters(kind));
        }
    }

    /** Creates the database lazily on the first parameter that needs it; drops it after the test. */
    private record DatabaseParameters(DatabaseKind kind) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return RESOLVABLE.contains(parameter.getParameter().getType());
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            Class<?> type = parameter.getParameter().getType();
            if (type == DatabaseKind.class) {
                return kind;
            }
            TestDatabase database = context.getStore(ExtensionContext.Namespace.create(DatabaseTestExtension.class))
                    .getOrComputeIfAbsent("database", key -> new Closing(create(kind)), Closing.class).database();
            if (type == DataSource.class) {
                return database.dataSource();
            }
            return type == JdbcClient.class ? database.jdbc() : database;
        }
    }

    private static TestDatabase create(DatabaseKind kind) {
        if (kind == DatabaseKind.POSTGRESQL) {
            return EmbeddedPostgresServer.freshDatabase();
        }
        String url = "jdbc:h2:mem:test" + H2_COUNTER.incrementAndGet()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(url);
        dataSource.setUser("sa");
        dataSource.setPassword("");
        Migrations.migrate(dataSource);
        return new TestDatabase(DatabaseKind.H2, url, "sa", "", dataSource);
    }

    /** Closed by JUnit at the end of the invocation. */
    private record Closing(TestDatabase database) implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() throws SQLException {
            if (database.kind() == DatabaseKind.POSTGRESQL) {
                EmbeddedPostgresServer.drop(database);
            } else {
                try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                }
            }
        }
    }
}
