package io.healthservice.kit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "postgresql://postgres:s3cret@db:5432/app|postgresql://postgres:***@db:5432/app",
    "postgresql://postgres@db:5432/app|postgresql://postgres@db:5432/app",
    "redis://:s3cret@cache:6379/0|redis://:***@cache:6379/0",
    "rediss://default:s3cret@cache:6380|rediss://default:***@cache:6380",
    "postgresql://db/app?user=app&password=s3cret&sslmode=require|postgresql://db/app?user=app&password=***&sslmode=require",
    "https://api.example.com/v1/models?api_key=s3cret|https://api.example.com/v1/models?api_key=***",
    "postgresql://u:pa@s3cret@db:5432/app|postgresql://u:***@db:5432/app",
    "redis://:pa/s3cret@cache:6379|redis://:***@cache:6379",
    "postgresql://u:pa#s3cret?x@db/app|postgresql://u:***@db/app",
    "redis://cache:6379/0|redis://cache:6379/0",
    "https://fn.example.net/api/models?code=s3cret&api-version=1|https://fn.example.net/api/models?code=***&api-version=1",
    "https://api.example.com/v1/models?x-api-key=s3cret|https://api.example.com/v1/models?x-api-key=***",
    "https://api.example.com/v1/models?access_token=s3cret|https://api.example.com/v1/models?access_token=***",
    "https://blob.example.net/models?sv=2024&sig=s3cret|https://blob.example.net/models?sv=2024&sig=***",
    "postgresql://db/app?sslmode=verify-full&sslrootcert=/ca.pem|postgresql://db/app?sslmode=verify-full&sslrootcert=/ca.pem",
  })
  void masksPasswordsAndKeys(String url, String masked) {
    assertThat(Secrets.maskUrl(url)).isEqualTo(masked).doesNotContain("s3cret");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "redis://:s3cret@s1:26379,redis://s2:26379|redis://:***@s1:26379,redis://s2:26379",
    "redis://:s3,cret@s1:26379, rediss://u:s3cret@s2:26380|redis://:***@s1:26379,rediss://u:***@s2:26380",
    "postgresql://app:s3,cret@db/app|postgresql://app:***@db/app",
  })
  void masksEveryUrlOfAListEvenWithACommaInAPassword(String urls, String masked) {
    assertThat(Secrets.maskUrls(urls)).isEqualTo(masked).doesNotContain("s3cret").doesNotContain("cret");
  }
}
