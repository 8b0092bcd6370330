package org.openliveness.server.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test method that runs twice, once on H2 (PostgreSQL mode) and once on a real PostgreSQL,
 * each time on a fresh, migrated, empty database. The method may declare parameters of type
 * {@link TestDatabase}, {@link javax.sql.DataSource},
 * {@link org.springframework.jdbc.core.simple.JdbcClient} and {@link DatabaseKind}:
 *
 * <pre>{@code
 * @DatabaseTest
 * void findsWhatItSaved(TestDatabase db) {
 *     var store = new PhotoStore(db.jdbc(), key, clock);
 *     ...
 * }
 * }</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(DatabaseTestExtension.class)
public @interface DatabaseTest {}
