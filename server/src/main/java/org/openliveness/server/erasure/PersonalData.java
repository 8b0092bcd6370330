package org.openliveness.server.erasure;

/**
 * A feature that keeps data about users, and erases its own on request. {@link UserErasure} asks
 * every such feature in turn, inside one transaction; no feature deletes another's data.
 */
public interface PersonalData {

    /** Order of erasure: lower first (data that others' rows refer to goes last). */
    int ORDER_PHOTOS = 100;
    int ORDER_SESSIONS = 200;
    int ORDER_DERIVED = 300;
    int ORDER_AUDIT = 900;

    /** What the feature keeps, in the plural, for the erasure's counts ({@code photos}, {@code sessions}). */
    String kind();

    /** When to erase it, relative to the others: one of the {@code ORDER_*} constants. */
    int erasureOrder();

    /**
     * Erases everything this feature keeps about {@code userId} of {@code tenantId} (other tenants'
     * rows, even with the same user id, stay). Idempotent.
     *
     * @return how many records were erased
     */
    int eraseUser(String tenantId, String userId);

    /** The erasure of one kind of data, done by {@code eraser} (tenant id, user id → records erased). */
    static PersonalData of(String kind, int erasureOrder, java.util.function.ToIntBiFunction<String, String> eraser) {
        return new PersonalData() {
            @Override
            public String kind() {
                return kind;
            }

            @Override
            public int erasureOrder() {
                return erasureOrder;
            }

            @Override
            public int eraseUser(String tenantId, String userId) {
                return eraser.applyAsInt(tenantId, userId);
            }
        };
    }
}
