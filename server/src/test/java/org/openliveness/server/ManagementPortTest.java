package org.openliveness.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openliveness.server.testing.TemporaryDataDir;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The management port with the shipped defaults (only the ports are random): Actuator's health
 * and Prometheus there, bound to the loopback address; the API docs nowhere; the API port serves
 * none of them.
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = OpenLivenessServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"server.address=127.0.0.1", "management.server.port=0"})
@ContextConfiguration(initializers = TemporaryDataDir.class)
class ManagementPortTest {

    @LocalServerPort
    int apiPort;
    @LocalManagementPort
    int managementPort;

    private final HttpClient http = HttpClient.newHttpClient();

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void actuatorIsOnTheManagementPortAndTheApiDocsAreOffByDefault() throws Exception {
        assertThat(managementPort).isNotEqualTo(apiPort);
        assertThat(status(managementPort, "/actuator/health")).isEqualTo(200);
        assertThat(status(managementPort, "/actuator/prometheus")).isEqualTo(200);
        assertThat(status(managementPort, "/actuator/openapi")).isEqualTo(404);
        assertThat(status(managementPort, "/actuator/swagger-ui")).isEqualTo(404);

        for (String path : new String[] {"/actuator/health", "/actuator/prometheus", "/v3/api-docs", "/swagger-ui.html",
                "/swagger-ui/index.html", "/actuator/openapi"}) {
            assertThat(status(apiPort, path)).as("API port %s", path).isEqualTo(404);
        }
    }

    @Test
    void theManagementPortListensOnTheLoopbackAddressOnly() throws Exception {
        Optional<InetAddress> external = NetworkInterface.networkInterfaces()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback address to try");

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(external.get(), managementPort), 2000);
            }
        }).isInstanceOf(IOException.class);
    }
}
