/** Photo storage: AES-256-GCM encrypted photos in the database, the encryption key, and the retention purge. */
package org.openliveness.server.storage;
