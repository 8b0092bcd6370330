package org.openliveness.server.nativeapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openliveness.server.testing.IntegrationTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An upload with an unknown session token is refused before its body is read: the client sends
 * the token part and the start of a 20 MB photo, then stops; the refusal must come anyway (a
 * server that read the whole body first would wait for the rest).
 */
@IntegrationTest
class CaptureUploadGateTest {

    @LocalServerPort
    int port;

    @Test
    void anUnknownTokenIsRefusedBeforeTheRestOfTheBodyArrives() throws Exception {
        String boundary = "gate" + System.nanoTime();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"sessionToken\"\r\n\r\nses_unknown\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"big.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n";
        long declared = 20L * 1024 * 1024;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + SessionController.BASE + "/challenge HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + declared + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();

            String reply = readHead(socket.getInputStream());
            assertThat(reply).startsWith("HTTP/1.1 401");
            assertThat(reply).contains("INVALID_SESSION_TOKEN");
        }
    }

    /** The status line, headers and as much of the body as has arrived within a moment. */
    private static String readHead(InputStream in) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n = in.read(buffer);
        while (n > 0) {
            got.write(buffer, 0, n);
            if (got.toString(StandardCharsets.UTF_8).contains("}")) {
                break;
            }
            n = in.read(buffer);
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
