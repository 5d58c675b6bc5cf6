package dev.rapport.exchange;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;

/** Calls of the imports API for the tests: upload, map, run and wait. */
final class ImportApiSupport {

	private final MockMvc mvc;

	private final String token;

	ImportApiSupport(MockMvc mvc, String token) {
		this.mvc = mvc;
		this.token = token;
	}

	MvcResult upload(String name, byte[] content, String... params) throws Exception {
		MockMultipartHttpServletRequestBuilder request = multipart("/api/v1/imports")
			.file(new MockMultipartFile("file", name, "application/octet-stream", content));
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		request.header("Authorization", "Bearer " + this.token);
		return this.mvc.perform(request).andReturn();
	}

	String uploaded(String name, byte[] content, String... params) throws Exception {
		MvcResult result = upload(name, content, params);
		if (result.getResponse().getStatus() != 201) {
			throw new AssertionError(result.getResponse().getStatus() + " " + body(result));
		}
		return JsonPath.read(body(result), "$.id");
	}

	MvcResult map(String id, String json) throws Exception {
		return this.mvc
			.perform(auth(put("/api/v1/imports/" + id + "/mapping")).contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andReturn();
	}

	MvcResult post(String id, String action) throws Exception {
		return this.mvc
			.perform(auth(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.post("/api/v1/imports/" + id + "/" + action)))
			.andReturn();
	}

	/** Starts an action and waits until the job has stopped working; answers its JSON. */
	String runAndWait(String id, String action) throws Exception {
		MvcResult started = post(id, action);
		if (started.getResponse().getStatus() != 202) {
			throw new AssertionError(started.getResponse().getStatus() + " " + body(started));
		}
		return await(id);
	}

	String await(String id) throws Exception {
		long deadline = System.currentTimeMillis() + 60_000;
		while (true) {
			String json = read(id);
			String status = JsonPath.read(json, "$.status");
			if (!Map.of("checking", 1, "queued", 1, "running", 1, "undoing", 1).containsKey(status)) {
				return json;
			}
			if (System.currentTimeMillis() > deadline) {
				throw new AssertionError("Still " + status + ": " + json);
			}
			Thread.sleep(100);
		}
	}

	String read(String id) throws Exception {
		return body(this.mvc.perform(auth(get("/api/v1/imports/" + id))).andReturn());
	}

	String report(String id) throws Exception {
		return body(this.mvc.perform(auth(get("/api/v1/imports/" + id + "/report"))).andReturn());
	}

	<T extends MockHttpServletRequestBuilder> T auth(T request) {
		request.header("Authorization", "Bearer " + this.token);
		return request;
	}

	static String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

}
