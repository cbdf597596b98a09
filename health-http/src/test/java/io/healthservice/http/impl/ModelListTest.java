package io.healthservice.http.impl;

import io.healthservice.CheckFailure;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The model-list shapes of the presets, as their documentation shows them. */
class ModelListTest {

  private static List<String> missing(List<String> configured, String body) {
    return ModelList.missing(configured, Buffer.buffer(body));
  }

  @Test
  void openAiShapeMatchesIds() {
    String body = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"owned_by\":\"system\"},"
      + "{\"id\":\"gpt-4o-mini\",\"object\":\"model\"}]}";
    assertThat(missing(List.of("gpt-4o-mini", "gpt-4o"), body)).isEmpty();
    assertThat(missing(List.of("gpt-3.5-turbo-0301", "gpt-4o", "davinci"), body)).containsExactly("gpt-3.5-turbo-0301", "davinci");
  }

  @Test
  void geminiNamesAreMatchedWithOrWithoutTheirPrefix() {
    String body = "{\"models\":[{\"name\":\"models/gemini-2.0-flash\",\"displayName\":\"Gemini 2.0 Flash\"}],\"nextPageToken\":\"\"}";
    assertThat(missing(List.of("gemini-2.0-flash", "models/gemini-2.0-flash"), body)).isEmpty();
    assertThat(missing(List.of("gemini-1.0-pro"), body)).containsExactly("gemini-1.0-pro");
  }

  @Test
  void ollamaTagsMatchWithOrWithoutLatest() {
    String body = "{\"models\":[{\"name\":\"llama3.2:latest\",\"model\":\"llama3.2:latest\",\"size\":2019393189},"
      + "{\"name\":\"qwen2.5:7b\",\"model\":\"qwen2.5:7b\"}]}";
    assertThat(missing(List.of("llama3.2", "llama3.2:latest", "qwen2.5:7b"), body)).isEmpty();
    assertThat(missing(List.of("qwen2.5"), body)).containsExactly("qwen2.5"); // only :latest is implied
  }

  @Test
  void togetherAnswersABareArray() {
    String body = "[{\"id\":\"meta-llama/Llama-3.3-70B-Instruct-Turbo\",\"object\":\"model\",\"type\":\"chat\"}]";
    assertThat(missing(List.of("meta-llama/Llama-3.3-70B-Instruct-Turbo"), body)).isEmpty();
  }

  @Test
  void aBodyThatIsNoModelListFailsWithAReason() {
    assertThatThrownBy(() -> missing(List.of("x"), "<html>gateway</html>"))
      .isInstanceOfSatisfying(CheckFailure.class, f -> assertThat(f.reason()).isEqualTo("model list is not JSON"));
    assertThatThrownBy(() -> missing(List.of("x"), "{\"error\":\"nope\"}"))
      .isInstanceOfSatisfying(CheckFailure.class, f -> assertThat(f.reason()).isEqualTo("model list has no data or models array"));
    assertThatThrownBy(() -> missing(List.of("x"), ""))
      .isInstanceOf(CheckFailure.class);
  }
}
