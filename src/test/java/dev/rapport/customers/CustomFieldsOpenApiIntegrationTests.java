package dev.rapport.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import dev.rapport.identity.internal.UserDetailsLoader;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/**
 * The OpenAPI description shows the custom fields of the caller's workspace, with their
 * types and rules, and nobody else's.
 *
 * <pre>
 * workspace "Gym":
 *   person fields  membership_type (picklist basic/gold, required, default basic),
 *                  member_number (text, required, pattern M[0-9]{4}, at most 5, help text),
 *                  weekly_visits (number 0..60), membership_end (date),
 *                  interests (multi-picklist yoga/pool), vip (boolean), annual_fee (money, USD),
 *                  website (url), contact_email (email), emergency_phone (phone),
 *                  medical_notes (long text), old_code (text, archived)
 *   company field  account_tier (picklist)
 * workspace "Bakery":
 *   person field   favourite_bread (text)
 * </pre>
 */
@IntegrationTest
class CustomFieldsOpenApiIntegrationTests {

	private static final List<String> GYM_KEYS = List.of("membership_type", "member_number", "weekly_visits",
			"membership_end", "interests", "vip", "annual_fee", "website", "contact_email", "emergency_phone",
			"medical_notes", "old_code", "account_tier");

	@Autowired
	MockMvc mvc;

	@Autowired
	Fixtures fixtures;

	@Autowired
	UserDetailsLoader loader;

	private Fixtures.Workspace gym;

	private String gymToken;

	private String bakeryToken;

	@BeforeEach
	void workspaces() throws Exception {
		this.gym = this.fixtures.workspace("Gym");
		this.gymToken = this.fixtures.token(this.gym.id(), this.gym.adminId(), "read", "write");
		field(this.gymToken, "person",
				"""
						{"key":"membership_type","label":"Membership type","type":"picklist","required":true,
						 "options":[{"value":"basic","label":"Basic"},{"value":"gold","label":"Gold"}],"defaultValue":"basic"}""");
		field(this.gymToken, "person", """
				{"key":"member_number","label":"Member number","type":"text","required":true,
				 "pattern":"M[0-9]{4}","max":5,"helpText":"As printed on the card."}""");
		field(this.gymToken, "person", """
				{"key":"weekly_visits","label":"Weekly visits","type":"number","min":0,"max":60}""");
		field(this.gymToken, "person", """
				{"key":"membership_end","label":"Membership end","type":"date"}""");
		field(this.gymToken, "person", """
				{"key":"interests","label":"Interests","type":"multi-picklist",
				 "options":[{"value":"yoga","label":"Yoga"},{"value":"pool","label":"Pool"}]}""");
		field(this.gymToken, "person", """
				{"key":"vip","label":"VIP","type":"boolean"}""");
		field(this.gymToken, "person", """
				{"key":"annual_fee","label":"Annual fee","type":"money","currency":"USD","min":0}""");
		field(this.gymToken, "person", """
				{"key":"website","label":"Website","type":"url"}""");
		field(this.gymToken, "person", """
				{"key":"contact_email","label":"Contact e-mail","type":"email"}""");
		field(this.gymToken, "person", """
				{"key":"emergency_phone","label":"Emergency phone","type":"phone"}""");
		field(this.gymToken, "person", """
				{"key":"medical_notes","label":"Medical history","type":"long-text"}""");
		String oldCode = JsonPath.read(field(this.gymToken, "person", """
				{"key":"old_code","label":"Old code","type":"text","required":true}"""), "$.id");
		this.mvc
			.perform(post("/api/v1/custom-fields/" + oldCode + "/archived").header("If-Match", "\"1\"")
				.header("Authorization", "Bearer " + this.gymToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"archived\":true}"))
			.andExpect(status().isOk());
		field(this.gymToken, "company", """
				{"key":"account_tier","label":"Account tier","type":"picklist",
				 "options":[{"value":"small","label":"Small"},{"value":"large","label":"Large"}]}""");

		Fixtures.Workspace bakery = this.fixtures.workspace("Bakery");
		this.bakeryToken = this.fixtures.token(bakery.id(), bakery.adminId(), "read", "write");
		field(this.bakeryToken, "person", """
				{"key":"favourite_bread","label":"Favourite bread","type":"text"}""");
	}

	@Test
	void theRequestBodiesDescribeEveryActiveFieldWithItsRules() throws Exception {
		DocumentContext doc = JsonPath.parse(description(withToken(this.gymToken)));
		assertThat(doc.<String>read("$.components.schemas.PersonBody.properties.custom.$ref"))
			.isEqualTo("#/components/schemas/PersonCustomFieldsInput");
		assertThat(doc.<List<String>>read("$.components.schemas.PersonBody.required")).contains("custom");
		String input = "$.components.schemas.PersonCustomFieldsInput";
		assertThat(doc.<Map<String, Object>>read(input + ".properties").keySet()).containsExactly("membership_type",
				"member_number", "weekly_visits", "membership_end", "interests", "vip", "annual_fee", "website",
				"contact_email", "emergency_phone", "medical_notes");
		// Required, unless a default fills the field in.
		assertThat(doc.<List<String>>read(input + ".required")).containsExactly("member_number");

		Map<String, Object> membership = doc.read(input + ".properties.membership_type");
		assertThat(membership).containsEntry("type", "string")
			.containsEntry("enum", List.of("basic", "gold"))
			.containsEntry("default", "basic");
		assertThat((String) membership.get("description")).startsWith("Membership type")
			.contains("basic (Basic), gold (Gold)");
		assertThat(doc.<Map<String, Object>>read(input + ".properties.member_number")).containsEntry("type", "string")
			.containsEntry("pattern", "^(?:M[0-9]{4})$")
			.containsEntry("maxLength", 5)
			.containsEntry("description", "Member number\n\nAs printed on the card.");
		assertThat(doc.<Map<String, Object>>read(input + ".properties.weekly_visits")).containsEntry("type", "number")
			.containsEntry("minimum", 0)
			.containsEntry("maximum", 60);
		assertThat(doc.<Map<String, Object>>read(input + ".properties.membership_end")).containsEntry("type", "string")
			.containsEntry("format", "date");
		Map<String, Object> interests = doc.read(input + ".properties.interests");
		assertThat(interests).containsEntry("type", "array").containsEntry("uniqueItems", true);
		assertThat(doc.<Map<String, Object>>read(input + ".properties.interests.items")).containsEntry("type", "string")
			.containsEntry("enum", List.of("yoga", "pool"));
		assertThat(doc.<Map<String, Object>>read(input + ".properties.vip")).containsEntry("type", "boolean");
		Map<String, Object> fee = doc.read(input + ".properties.annual_fee");
		assertThat(fee).containsEntry("type", "number").containsEntry("minimum", 0);
		assertThat((String) fee.get("description")).contains("USD");
		assertThat(doc.<Map<String, Object>>read(input + ".properties.website")).containsEntry("format", "uri")
			.containsEntry("maxLength", 2000);
		assertThat(doc.<Map<String, Object>>read(input + ".properties.contact_email")).containsEntry("format", "email");
		assertThat(doc.<Map<String, Object>>read(input + ".properties.emergency_phone")).containsEntry("type",
				"string");
		assertThat(doc.<Map<String, Object>>read(input + ".properties.medical_notes")).containsEntry("maxLength",
				10000);

		assertThat(doc.<String>read("$.components.schemas.CompanyBody.properties.custom.$ref"))
			.isEqualTo("#/components/schemas/CompanyCustomFieldsInput");
		assertThat(doc.<Map<String, Object>>read("$.components.schemas.CompanyCustomFieldsInput.properties").keySet())
			.containsExactly("account_tier");
		assertThat(doc.<Map<String, Object>>read("$.components.schemas.CompanyBody")).doesNotContainKey("required");
	}

	@Test
	void theResourcesDescribeTheTypesOfTheValues() throws Exception {
		DocumentContext doc = JsonPath.parse(description(withToken(this.gymToken)));
		assertThat(doc.<String>read("$.components.schemas.PersonResource.properties.custom.$ref"))
			.isEqualTo("#/components/schemas/PersonCustomFields");
		String values = "$.components.schemas.PersonCustomFields";
		assertThat(doc.<Map<String, Object>>read(values + ".properties").keySet()).hasSize(11)
			.doesNotContain("old_code");
		// A record keeps a value of an option removed later: responses do not promise the
		// options of today.
		assertThat(doc.<Map<String, Object>>read(values + ".properties.membership_type"))
			.containsEntry("type", "string")
			.doesNotContainKey("enum");
		assertThat(doc.<Map<String, Object>>read(values + ".properties.membership_end")).containsEntry("format",
				"date");
		assertThat(doc.<Map<String, Object>>read(values + ".properties.interests.items")).containsEntry("type",
				"string");
		assertThat(doc.<Map<String, Object>>read(values)).doesNotContainKey("required");
		assertThat(doc.<String>read("$.components.schemas.CompanyResource.properties.custom.$ref"))
			.isEqualTo("#/components/schemas/CompanyCustomFields");
	}

	@Test
	void anotherWorkspaceSeesOnlyItsOwnFields() throws Exception {
		// Nor does a cache between them keep one workspace's description.
		this.mvc.perform(withToken(this.gymToken))
			.andExpect(header().string("Cache-Control", containsString("no-store")));
		String bakery = description(withToken(this.bakeryToken));
		assertThat(bakery).contains("favourite_bread");
		GYM_KEYS.forEach((key) -> assertThat(bakery).doesNotContain(key));
		assertThat(JsonPath.parse(bakery)
			.<Map<String, Object>>read("$.components.schemas.PersonCustomFieldsInput.properties")
			.keySet()).containsExactly("favourite_bread");
		assertThat(description(withToken(this.gymToken))).contains("membership_type").doesNotContain("favourite_bread");
	}

	@Test
	void anonymousCallersGetTheGenericDescription() throws Exception {
		description(withToken(this.gymToken));
		String anonymous = description(get("/v3/api-docs"));
		java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/openapi-after.json"), anonymous);
		java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/openapi-gym.json"),
				description(withToken(this.gymToken)));
		GYM_KEYS.forEach((key) -> assertThat(anonymous).doesNotContain(key));
		assertThat(anonymous).doesNotContain("favourite_bread").doesNotContain("CustomFieldsInput");
		assertThat(JsonPath.parse(anonymous)
			.<Map<String, Object>>read("$.components.schemas.PersonBody.properties.custom"))
			.containsEntry("type", "object");
	}

	@Test
	void aSignedInUserSeesTheFieldsOfTheirWorkspace() throws Exception {
		String page = description(
				get("/v3/api-docs").with(user(this.loader.loadUserByUsername(this.gym.adminEmail()))));
		assertThat(page).contains("membership_type").doesNotContain("old_code").doesNotContain("favourite_bread");
	}

	@Test
	void theYamlDescriptionShowsTheFieldsToo() throws Exception {
		MvcResult yaml = this.mvc.perform(get("/v3/api-docs.yaml").header("Authorization", "Bearer " + this.gymToken))
			.andExpect(status().isOk())
			.andReturn();
		assertThat(yaml.getResponse().getContentAsString()).contains("PersonCustomFieldsInput")
			.contains("membership_type");
	}

	@Test
	void aTokenMustBeValidAndMayRead() throws Exception {
		this.mvc.perform(get("/v3/api-docs").header("Authorization", "Bearer rpt_not-a-token"))
			.andExpect(status().isUnauthorized());
		String writeOnly = this.fixtures.token(this.gym.id(), this.gym.adminId(), "write");
		this.mvc.perform(withToken(writeOnly)).andExpect(status().isForbidden());
	}

	private String field(String token, String object, String json) throws Exception {
		return this.mvc
			.perform(post("/api/v1/custom-fields?object=" + object).header("Authorization", "Bearer " + token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static MockHttpServletRequestBuilder withToken(String token) {
		return get("/v3/api-docs").header("Authorization", "Bearer " + token);
	}

	private String description(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
	}

}
