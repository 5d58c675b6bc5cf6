package dev.rapport.sales;

import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The product catalogue: codes unique per workspace, search by name and code, changes
 * with If-Match, kept by administrators.
 *
 * <pre>
 * workspace "Catalogue": Administrator; Sales rep Dee
 * </pre>
 */
@IntegrationTest
class ProductsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	private String admin;

	private String dee;

	@BeforeEach
	void workspace() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Catalogue");
		UUID deeId = this.fixtures.user(workspace.id(), "Dee Rep", "Sales rep", null);
		this.admin = this.fixtures.token(workspace.id(), workspace.adminId(), "read", "write");
		this.dee = this.fixtures.token(workspace.id(), deeId, "read", "write");
	}

	@Test
	void aCodeNamesOneProductOfTheWorkspace() throws Exception {
		String id = JsonPath.read(send(post("/api/v1/products"), this.admin,
				"{\"name\":\"Personal training\",\"code\":\"PT-10\",\"unitPrice\":45.5}")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andExpect(jsonPath("$.active").value(true))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.id");
		send(post("/api/v1/products"), this.admin, "{\"name\":\"Other\",\"code\":\"PT-10\",\"unitPrice\":1}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		send(post("/api/v1/products"), this.admin, "{\"name\":\"Towel\",\"unitPrice\":-1,\"currency\":\"XXXX\"}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.containsInAnyOrder("unitPrice", "currency")));
		String other = JsonPath.read(
				send(post("/api/v1/products"), this.admin, "{\"name\":\"Massage\",\"code\":\"MS-1\",\"unitPrice\":60}")
					.andReturn()
					.getResponse()
					.getContentAsString(),
				"$.id");
		send(put("/api/v1/products/" + other).header("If-Match", "\"1\""), this.admin,
				"{\"name\":\"Massage\",\"code\":\"PT-10\",\"unitPrice\":60}")
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		send(put("/api/v1/products/" + id).header("If-Match", "\"1\""), this.admin,
				"{\"name\":\"Personal training\",\"code\":\"PT-10\",\"unitPrice\":50,\"active\":false}")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unitPrice").value(50.00))
			.andExpect(jsonPath("$.active").value(false));
		send(put("/api/v1/products/" + id).header("If-Match", "\"1\""), this.admin,
				"{\"name\":\"Stale\",\"unitPrice\":1}")
			.andExpect(status().isPreconditionFailed());
		send(post("/api/v1/products"), this.dee, "{\"name\":\"Mine\",\"unitPrice\":1}")
			.andExpect(status().isForbidden());
		send(get("/api/v1/products?q=pt-"), this.dee, null).andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].name").value("Personal training"));
		send(get("/api/v1/products?q=train"), this.dee, null).andExpect(jsonPath("$.items", hasSize(1)));
		send(get("/api/v1/products?active=true"), this.dee, null).andExpect(jsonPath("$.items", hasSize(1)))
			.andExpect(jsonPath("$.items[0].name").value("Massage"));
		String next = JsonPath.read(send(get("/api/v1/products?limit=1"), this.dee, null)
			.andExpect(jsonPath("$.items[0].name").value("Massage"))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.next");
		send(get("/api/v1/products?limit=1&cursor=" + next), this.dee, null)
			.andExpect(jsonPath("$.items[0].name").value("Personal training"))
			.andExpect(jsonPath("$.next").doesNotExist());
		send(get("/api/v1/products?cursor=broken"), this.dee, null).andExpect(status().is4xxClientError())
			.andExpect(jsonPath("$.errors[0].field").value("cursor"));
	}

	private ResultActions send(MockHttpServletRequestBuilder request, String token, @Nullable String json)
			throws Exception {
		request.header("Authorization", "Bearer " + token);
		if (json != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(json);
		}
		return this.mvc.perform(request);
	}

}
