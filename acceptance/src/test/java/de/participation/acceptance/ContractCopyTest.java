package de.participation.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract the API description is checked against ({@link ApiContractTest}) is a verbatim copy of the shared
 * one, which lives next to the project ({@code ../shared/}) where the project's clones are made, not in CI's clone:
 * where the shared one is there, the copy must equal it; where it is not, there is nothing to compare.
 */
class ContractCopyTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"API.md", "DOMAIN.md"})
    void theCheckedInCopyIsTheSharedContract(String name) throws IOException {
        Path root = ApiContract.ROOT;
        Path shared = root.resolveSibling("shared").resolve(name);
        assumeTrue(Files.exists(shared), "no " + shared + " next to the project");

        assertThat(Files.readString(root.resolve("docs/contract").resolve(name)))
                .as("docs/contract/%s differs from %s: copy it over (cp %s docs/contract/), then update the API "
                        + "descriptions if the contract asks for more (docs/openapi.md)", name, shared, shared)
                .isEqualTo(Files.readString(shared));
    }
}
