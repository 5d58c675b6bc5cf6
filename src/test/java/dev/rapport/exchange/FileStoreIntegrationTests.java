package dev.rapport.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.rapport.exchange.internal.FileStore;
import dev.rapport.platform.Actor;
import dev.rapport.platform.Actors;
import dev.rapport.support.Fixtures;
import dev.rapport.support.IntegrationTest;

/** Files kept in the database in chunks, read back as a stream, per workspace. */
@IntegrationTest
class FileStoreIntegrationTests {

	@Autowired
	FileStore files;

	@Autowired
	Fixtures fixtures;

	private Actor actor;

	private Actor other;

	@BeforeEach
	void workspaces() {
		Fixtures.Workspace workspace = this.fixtures.workspace("Files");
		this.actor = new Actor(workspace.id(), workspace.adminId());
		Fixtures.Workspace second = this.fixtures.workspace("Others");
		this.other = new Actor(second.id(), second.adminId());
	}

	@Test
	void storesAFileOfSeveralChunksAndStreamsItBackUnchanged() throws Exception {
		byte[] content = new byte[(int) (2.5 * 1024 * 1024)];
		new Random(3).nextBytes(content);
		FileStore.StoredFile stored = Actors.callAs(this.actor, () -> this.files.store("big.bin",
				"application/octet-stream", "import", new ByteArrayInputStream(content), 10_000_000, null));
		assertThat(stored.sizeBytes()).isEqualTo(content.length);
		byte[] read = Actors.callAs(this.actor, () -> {
			try (InputStream in = this.files.open(stored.id())) {
				return in.readAllBytes();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		assertThat(MessageDigest.getInstance("SHA-256").digest(read))
			.isEqualTo(MessageDigest.getInstance("SHA-256").digest(content));
		assertThat(Actors.callAs(this.other, () -> this.files.find(stored.id()))).isEmpty();
		Actors.runAs(this.actor, () -> this.files.delete(stored.id()));
		assertThat(Actors.callAs(this.actor, () -> this.files.find(stored.id()))).isEmpty();
	}

	@Test
	void refusesAFileOverTheLimitAndKeepsNothingOfIt() {
		byte[] content = new byte[3 * 1024 * 1024];
		assertThatThrownBy(() -> Actors.runAs(this.actor, () -> this.files.store("huge.csv", "text/csv", "import",
				new ByteArrayInputStream(content), 2 * 1024 * 1024, null)))
			.isInstanceOf(FileStore.FileTooLargeException.class);
		assertThat(Actors.callAs(this.actor,
				() -> this.files.deleteCreatedBefore("import", java.time.OffsetDateTime.now().plusDays(1))))
			.isZero();
	}

}
