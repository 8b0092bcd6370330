package org.openliveness.server.storage;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-seals everything sealed under an older key with the current one, feature by feature
 * ({@link SealedData}), in batches. Idempotent and resumable: each batch picks what is still
 * under another key, so a run that stops (a crash, Ctrl-C) goes on from there the next time.
 * Older keys stay in the keyring and keep opening what they sealed until the run has finished;
 * only then may the operator remove them. The service runs it in the background
 * ({@code openliveness.storage.rotation-interval}); {@code openliveness keys rotate} runs it in the
 * foreground with progress.
 */
public final class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    /** How far one kind of data has got. */
    public record Progress(String kind, long done, long total) {}

    private final Keyring keyring;
    private final List<SealedData> features;
    private final int batchSize;

    public KeyRotation(Keyring keyring, List<SealedData> features, int batchSize) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.features = List.copyOf(features);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive");
        }
        this.batchSize = batchSize;
    }

    /** The key everything is being re-sealed under. */
    public Keyring.Key target() {
        return keyring.current();
    }

    /** How many items of each kind are still under an older key. */
    public List<Progress> pending() {
        return features.stream().map(f -> new Progress(f.kind(), 0, f.remaining())).toList();
    }

    /**
     * Re-seals every feature's data under the current key, reporting after each batch.
     *
     * @return how many items were re-sealed
     */
    public long run(Consumer<Progress> progress) {
        long all = 0;
        for (SealedData feature : features) {
            long total = feature.remaining();
            long done = 0;
            while (done < total) {
                int n = feature.resealBatch(batchSize);
                if (n == 0) {
                    break;
                }
                done += n;
                progress.accept(new Progress(feature.kind(), done, total));
            }
            all += done;
        }
        return all;
    }

    /** One background run: reads the keyring again (a rotation may have added a key), then re-seals, logging progress. */
    public void runInBackground() {
        keyring.reload();
        if (features.stream().allMatch(f -> f.remaining() == 0)) {
            return;
        }
        log.info("Key rotation: re-encrypting under key {}", keyring.current().id());
        long total = run(p -> log.info("Key rotation: {} {} of {} re-encrypted", p.kind(), p.done(), p.total()));
        log.info("Key rotation: done, {} items re-encrypted under key {}", total, keyring.current().id());
    }
}
