package org.openliveness.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Every error a controller can meet becomes a problem with a stable type and code, and a 5xx tells nothing. */
@WebMvcTest(controllers = ProblemHandlerTest.Probe.class)
@Import(ProblemHandlerTest.Probe.class)
class ProblemHandlerTest {

    @Autowired
    MockMvc mvc;

    record Body(@NotBlank String userId, @Size(max = 3) String externalReference) {}

    @RestController
    static class Probe {

        @GetMapping("/probe/boom")
        String boom() {
            throw new IllegalStateException("secret: jdbc:postgresql://db/prod password=hunter2");
        }

        @GetMapping("/probe/refused")
        String refused() {
            throw new ApiException(HttpStatus.CONFLICT, "SESSION_ALREADY_COMPLETED", "The session is already complete.");
        }

        @GetMapping("/probe/param")
        String param(@RequestParam("sessionToken") String sessionToken, @RequestParam(name = "count", required = false) Integer count) {
            return "ok";
        }

        @PostMapping(path = "/probe/json", consumes = MediaType.APPLICATION_JSON_VALUE)
        String json(@Valid @RequestBody Body body) {
            return "ok";
        }

        @PostMapping("/probe/upload")
        String upload(@RequestPart("photo") MultipartFile photo) {
            return "ok";
        }
    }

    private static ResultActions expectProblem(ResultActions result, int status, String code) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.type").value(ProblemCodes.type(code).toString()))
                .andExpect(jsonPath("$.title").value(HttpStatus.valueOf(status).getReasonPhrase()));
    }

    @Test
    void anUnexpectedExceptionIsAGeneric500WithoutItsText() throws Exception {
        expectProblem(mvc.perform(get("/probe/boom")), 500, "INTERNAL_ERROR")
                .andExpect(content().string(allOf(not(containsString("hunter2")), not(containsString("IllegalState")),
                        not(containsString("postgresql")))));
    }

    @Test
    void anApiExceptionKeepsItsStatusCodeAndDetail() throws Exception {
        expectProblem(mvc.perform(get("/probe/refused")), 409, "SESSION_ALREADY_COMPLETED")
                .andExpect(jsonPath("$.type").value("urn:openliveness:problem:session-already-completed"))
                .andExpect(jsonPath("$.detail").value("The session is already complete."))
                .andExpect(jsonPath("$.instance").value("/probe/refused"));
    }

    @Test
    void aMissingParameterOrPartIsNamed() throws Exception {
        expectProblem(mvc.perform(get("/probe/param")), 400, "MISSING_PARAMETER")
                .andExpect(jsonPath("$.detail").value(containsString("'sessionToken'")));
        expectProblem(mvc.perform(multipart("/probe/upload").file(new MockMultipartFile("other", new byte[] {1}))), 400, "MISSING_PARAMETER")
                .andExpect(jsonPath("$.detail").value(containsString("'photo'")));
    }

    @Test
    void aParameterOfTheWrongTypeIsNamed() throws Exception {
        expectProblem(mvc.perform(get("/probe/param").param("sessionToken", "t").param("count", "many")), 400, "INVALID_REQUEST")
                .andExpect(jsonPath("$.detail").value(containsString("'count'")));
    }

    @Test
    void invalidJsonBodiesNameTheFieldWithoutEchoingValues() throws Exception {
        expectProblem(mvc.perform(post("/probe/json").contentType(MediaType.APPLICATION_JSON).content("{\"userId\":")), 400, "INVALID_REQUEST")
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON."));
        expectProblem(mvc.perform(post("/probe/json").contentType(MediaType.APPLICATION_JSON).content("{\"userId\":{\"secret\":1}}")), 400, "INVALID_REQUEST")
                .andExpect(jsonPath("$.detail").value(allOf(containsString("'userId'"), not(containsString("secret")))));
        expectProblem(mvc.perform(post("/probe/json").contentType(MediaType.APPLICATION_JSON).content("{\"userId\":\" \",\"externalReference\":\"abcd\"}")),
                400, "INVALID_REQUEST")
                .andExpect(jsonPath("$.detail").value(allOf(containsString("'userId'"), containsString("'externalReference'"))));
        expectProblem(mvc.perform(post("/probe/json").contentType(MediaType.APPLICATION_JSON)), 400, "INVALID_REQUEST");
    }

    @Test
    void theWrongContentTypeIs415AndTheWrongMethod405() throws Exception {
        expectProblem(mvc.perform(post("/probe/json").contentType(MediaType.TEXT_PLAIN).content("hi")), 415, "UNSUPPORTED_MEDIA_TYPE")
                .andExpect(jsonPath("$.detail").value(containsString("application/json")));
        expectProblem(mvc.perform(post("/probe/boom")), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void problemCodesBecomeKebabCaseUrns() {
        assertThat(ProblemCodes.type("PHOTO_TOO_LARGE").toString())
                .isEqualTo("urn:openliveness:problem:photo-too-large");
        assertThatThrownBy(() -> new ApiException(HttpStatus.BAD_REQUEST, "bad code", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSessionTokenInThePathIsMaskedInTheProblemInstance() {
        assertThat(ProblemCodes.instance("/v1/verifications/liveness/ses_AbC-_9xyz").toString())
                .isEqualTo("/v1/verifications/liveness/ses_…");
        assertThat(ProblemCodes.instance("/v1/verifications/liveness/3f2a").toString()).isEqualTo("/v1/verifications/liveness/3f2a");
    }
}
