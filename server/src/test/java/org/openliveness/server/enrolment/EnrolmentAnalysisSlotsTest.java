package org.openliveness.server.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.session.AnalysisSlots;
import org.openliveness.server.session.SessionException;
import org.openliveness.server.testing.HoldingExaminer;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An enrolment's image is examined in the analysis slots every examination shares: with one slot,
 * taken by a session's photo, an enrolment waits its turn (and is refused when the wait runs out)
 * instead of running beside it.
 */
class EnrolmentAnalysisSlotsTest {

    /** Starts like a JPEG; the holding examiner takes any bytes for a usable face. */
    private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0};

    @Test
    void anEnrolmentIsExaminedInTheSharedAnalysisSlots() throws Exception {
        HoldingExaminer examiner = new HoldingExaminer();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (ConfigurableApplicationContext server = examiner.startServer(
                "--openliveness.session.analysis-slots=1", "--openliveness.session.analysis-wait=300ms")) {
            AnalysisSlots slots = server.getBean(AnalysisSlots.class);
            Enrolments enrolments = server.getBean(Enrolments.class);
            ApiKeys apiKeys = server.getBean(ApiKeys.class);
            String key = apiKeys.create("slots-" + UUID.randomUUID(), EnumSet.of(Scope.IDENTITY));
            String tenant = apiKeys.authenticate(key).orElseThrow().tenantId();
            int port = ((WebServerApplicationContext) server).getWebServer().getPort();

            // A session's photo takes the one slot and stays in the examiner.
            CountDownLatch gate = new CountDownLatch(1);
            HoldingExaminer.Hold hold = examiner.holdNext(gate, Duration.ofSeconds(60));
            Future<AnalysisSlots.Examined> sessionPhoto = pool.submit(() -> slots.examine(JPEG));
            assertThat(hold.entered().await(60, TimeUnit.SECONDS)).as("the session's photo is being examined").isTrue();

            assertThatThrownBy(() -> enrolments.enrol(tenant, "user-1", JPEG))
                    .as("no slot is free for the configured wait").isInstanceOf(SessionException.Overloaded.class);
            HttpResponse<String> busy = enrolOverHttp(port, key, "user-2");
            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(busy.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"");
            assertThat(examiner.mostAtOnce()).as("examinations at once with one slot").isEqualTo(1);

            gate.countDown();
            assertThat(sessionPhoto.get(60, TimeUnit.SECONDS).examination().isUsable()).isTrue();
            assertThat(enrolments.enrol(tenant, "user-1", JPEG).created()).as("enrolled once the slot is free").isTrue();
            assertThat(enrolOverHttp(port, key, "user-2").statusCode()).isEqualTo(201);
            assertThat(examiner.mostAtOnce()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static HttpResponse<String> enrolOverHttp(int port, String key, String userId) throws Exception {
        String boundary = "slots" + UUID.randomUUID().toString().replace("-", "");
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"face.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + JPEG.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(JPEG, 0, body, head.length, JPEG.length);
        System.arraycopy(tail, 0, body, head.length + JPEG.length, tail.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/users/" + userId + "/enrolment"))
                .header(ApiKeys.HEADER, key).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(60)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }
}
