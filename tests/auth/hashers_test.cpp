// The contract of Django's password hashers: every format Django writes verifies with
// Django's own vectors, new hashes have Django's shape, and hostile or broken stored
// values never match and never crash. Vectors come from tests/auth/make_hasher_vectors.py
// (Django 3.2 from Debian; scrypt from hashlib with Django 4's formula).
#include "auth/hashers.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "auth/hashers/algorithm.hpp"
#include "auth/hashers/encoding.hpp"

namespace gatehouse::auth {
namespace {

// Cheap enough for tests; Django vectors at other counts still verify.
constexpr std::uint32_t test_iterations = 1000;

struct Vector {
    std::string password;
    std::string encoded;
};

// Each verified by Django's check_password (scrypt: by hashlib) when generated.
const std::vector<Vector> django_vectors = {
    {"secret", "pbkdf2_sha256$260000$MqYSvZ2iLbKYwaJW1AlEXZ$nTSpDwqjYJeHvroQlIvdMN1ndcFvVBZ6CKnPtZ4RuIU="},
    {"secret", "pbkdf2_sha256$1000$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY="},
    {"pässwörd€", "pbkdf2_sha256$1000$seasaltseasaltseasalt1$0Nr7bvf2mV3V0RYDY2LwSoZ8/GOIjkZooldOclDpdxM="},
    {"", "pbkdf2_sha256$1000$seasaltseasaltseasalt1$ENdVaf4eE4nC0q72pau3Pm+al2ddr+e5A4AOqzEvLgw="},
    {"secret", "pbkdf2_sha1$1000$seasaltseasaltseasalt1$FBGoYTkIZJyd6UEnWFTUGWCAGQY="},
    {"pässwörd€", "pbkdf2_sha1$1000$seasalt$ALt6IF7Os2BQf0keqRxWVVOiPps="},
    {"secret", "argon2$argon2id$v=19$m=102400,t=2,p=8$Rmp4aHNiSEpEZlRyRmtSUTZCWW5GcQ$TKb3XG144iRAiPOhKJ9osQ"},
    {"secret", "argon2$argon2id$v=19$m=256,t=1,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw"},
    {"pässwörd€", "argon2$argon2id$v=19$m=128,t=2,p=1$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$sXBqzIIVb9vTwQGr+EBxAg"},
    {"secret", "argon2$argon2i$v=19$m=256,t=2,p=1$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$ws7VH5c9T6pWvwiPOaSypw"},
    {"secret", "argon2$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg"},
    {"secret", "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q"},
    {"secret", "bcrypt_sha256$$2b$12$hV5xrjjBLdWAdZLR2iRToOXaxJFgeGnKl5fKmTIhB0x82cPB.crWC"},
    {"secret", "bcrypt_sha256$$2b$04$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52u"},
    {"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "bcrypt_sha256$$2b$04$abcdefghijklmnopqrstuut2SshH6UbGkn9RXLOv/njlCqQS.IYXK"},
    {"secret", "bcrypt$$2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW"},
    {"pässwörd€", "bcrypt$$2b$05$0123456789ABCDEFGHIJKuKKaS2HW24obGnh/YpLkG/V3hC5C0zIS"},
    {"lètmein", "scrypt$16384$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw=="},
    {"secret", "scrypt$1024$seasaltseasaltseasalt1$8$1$y4uG2hjdRwL2VmMuHqXFteCSQ8T7s7WDpRMvopECE+Et1JQyokAF9Np9+xd8+68TZ9OF/D0OpIdv0sVqQIo/iQ=="},
    {"pässwörd€", "scrypt$1024$seasaltseasaltseasalt1$4$2$u8Uu3ErVDvDqyH92VSLhPUCbgyQ46Se/65ymKQ06/IBym5XL5gApMg0R1uRe8C8dFVtyeXd2OeN1frd/XtiqRA=="},
    {"secret", "sha1$seasaltseasaltseasalt1$a65f9473f96fd51dd2ee958e5053700c0b5c55e1"},
    {"pässwörd€", "sha1$abcde$7a75f752a71ca1a7369f994786e0ca2457f1cb95"},
    {"secret", "md5$vBCsl7bITVBat5bBu4kW1M$eb97b3a6cd5919def0e9d09e0711ab88"},
    {"secret", "md5$seasaltseasaltseasalt1$845d7d55b8b88b68cea5e1654c527a72"},
    {"secret", "sha1$$e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4"},
    {"secret", "5ebe2294ecd0e0f08eab7690d2a6ee69"},
    {"secret", "md5$$5ebe2294ecd0e0f08eab7690d2a6ee69"},
    {"pässwörd€", "3ab2c1301b7f469bd663e7e45529020a"},
    {"secret", "crypt$$abNANd1rDfiNc"},
};

struct SummaryVector {
    std::string encoded;
    std::vector<std::pair<std::string, std::string>> fields;
};

// Django's safe_summary() for each vector above (scrypt has none in Django 3.2).
const std::vector<SummaryVector> django_summaries = {
    {"pbkdf2_sha256$260000$MqYSvZ2iLbKYwaJW1AlEXZ$nTSpDwqjYJeHvroQlIvdMN1ndcFvVBZ6CKnPtZ4RuIU=", {{"algorithm", "pbkdf2_sha256"}, {"iterations", "260000"}, {"salt", "MqYSvZ****************"}, {"hash", "nTSpDw**************************************"}}},
    {"pbkdf2_sha256$1000$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=", {{"algorithm", "pbkdf2_sha256"}, {"iterations", "1000"}, {"salt", "seasal****************"}, {"hash", "WucnQ2**************************************"}}},
    {"pbkdf2_sha256$1000$seasaltseasaltseasalt1$0Nr7bvf2mV3V0RYDY2LwSoZ8/GOIjkZooldOclDpdxM=", {{"algorithm", "pbkdf2_sha256"}, {"iterations", "1000"}, {"salt", "seasal****************"}, {"hash", "0Nr7bv**************************************"}}},
    {"pbkdf2_sha256$1000$seasaltseasaltseasalt1$ENdVaf4eE4nC0q72pau3Pm+al2ddr+e5A4AOqzEvLgw=", {{"algorithm", "pbkdf2_sha256"}, {"iterations", "1000"}, {"salt", "seasal****************"}, {"hash", "ENdVaf**************************************"}}},
    {"pbkdf2_sha1$1000$seasaltseasaltseasalt1$FBGoYTkIZJyd6UEnWFTUGWCAGQY=", {{"algorithm", "pbkdf2_sha1"}, {"iterations", "1000"}, {"salt", "seasal****************"}, {"hash", "FBGoYT**********************"}}},
    {"pbkdf2_sha1$1000$seasalt$ALt6IF7Os2BQf0keqRxWVVOiPps=", {{"algorithm", "pbkdf2_sha1"}, {"iterations", "1000"}, {"salt", "seasal*"}, {"hash", "ALt6IF**********************"}}},
    {"argon2$argon2id$v=19$m=102400,t=2,p=8$Rmp4aHNiSEpEZlRyRmtSUTZCWW5GcQ$TKb3XG144iRAiPOhKJ9osQ", {{"algorithm", "argon2"}, {"variety", "argon2id"}, {"version", "19"}, {"memory cost", "102400"}, {"time cost", "2"}, {"parallelism", "8"}, {"salt", "Fjxhsb****************"}, {"hash", "TKb3XG****************"}}},
    {"argon2$argon2id$v=19$m=256,t=1,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw", {{"algorithm", "argon2"}, {"variety", "argon2id"}, {"version", "19"}, {"memory cost", "256"}, {"time cost", "1"}, {"parallelism", "2"}, {"salt", "seasal****************"}, {"hash", "h/67Pn****************"}}},
    {"argon2$argon2id$v=19$m=128,t=2,p=1$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$sXBqzIIVb9vTwQGr+EBxAg", {{"algorithm", "argon2"}, {"variety", "argon2id"}, {"version", "19"}, {"memory cost", "128"}, {"time cost", "2"}, {"parallelism", "1"}, {"salt", "seasal****************"}, {"hash", "sXBqzI****************"}}},
    {"argon2$argon2i$v=19$m=256,t=2,p=1$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$ws7VH5c9T6pWvwiPOaSypw", {{"algorithm", "argon2"}, {"variety", "argon2i"}, {"version", "19"}, {"memory cost", "256"}, {"time cost", "2"}, {"parallelism", "1"}, {"salt", "seasal****************"}, {"hash", "ws7VH5****************"}}},
    {"argon2$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg", {{"algorithm", "argon2"}, {"variety", "argon2i"}, {"version", "18"}, {"memory cost", "8"}, {"time cost", "1"}, {"parallelism", "1"}, {"salt", "somesa**"}, {"hash", "gwQOXS********************************************************************************"}}},
    {"argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q", {{"algorithm", "argon2"}, {"variety", "argon2i"}, {"version", "19"}, {"memory cost", "8"}, {"time cost", "1"}, {"parallelism", "1"}, {"salt", "saltsa**"}, {"hash", "YC9+jJ****************"}}},
    {"bcrypt_sha256$$2b$12$hV5xrjjBLdWAdZLR2iRToOXaxJFgeGnKl5fKmTIhB0x82cPB.crWC", {{"algorithm", "bcrypt_sha256"}, {"work factor", "12"}, {"salt", "hV5xrj****************"}, {"checksum", "XaxJFg*************************"}}},
    {"bcrypt_sha256$$2b$04$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52u", {{"algorithm", "bcrypt_sha256"}, {"work factor", "4"}, {"salt", "abcdef****************"}, {"checksum", "raR8y8*************************"}}},
    {"bcrypt_sha256$$2b$04$abcdefghijklmnopqrstuut2SshH6UbGkn9RXLOv/njlCqQS.IYXK", {{"algorithm", "bcrypt_sha256"}, {"work factor", "4"}, {"salt", "abcdef****************"}, {"checksum", "t2SshH*************************"}}},
    {"bcrypt$$2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW", {{"algorithm", "bcrypt"}, {"work factor", "4"}, {"salt", "abcdef****************"}, {"checksum", "2r9OfJ*************************"}}},
    {"bcrypt$$2b$05$0123456789ABCDEFGHIJKuKKaS2HW24obGnh/YpLkG/V3hC5C0zIS", {{"algorithm", "bcrypt"}, {"work factor", "5"}, {"salt", "012345****************"}, {"checksum", "KKaS2H*************************"}}},
    {"sha1$seasaltseasaltseasalt1$a65f9473f96fd51dd2ee958e5053700c0b5c55e1", {{"algorithm", "sha1"}, {"salt", "se********************"}, {"hash", "a65f94**********************************"}}},
    {"sha1$abcde$7a75f752a71ca1a7369f994786e0ca2457f1cb95", {{"algorithm", "sha1"}, {"salt", "ab***"}, {"hash", "7a75f7**********************************"}}},
    {"md5$vBCsl7bITVBat5bBu4kW1M$eb97b3a6cd5919def0e9d09e0711ab88", {{"algorithm", "md5"}, {"salt", "vB********************"}, {"hash", "eb97b3**************************"}}},
    {"md5$seasaltseasaltseasalt1$845d7d55b8b88b68cea5e1654c527a72", {{"algorithm", "md5"}, {"salt", "se********************"}, {"hash", "845d7d**************************"}}},
    {"sha1$$e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4", {{"algorithm", "unsalted_sha1"}, {"hash", "e5e9fa**********************************"}}},
    {"5ebe2294ecd0e0f08eab7690d2a6ee69", {{"algorithm", "unsalted_md5"}, {"hash", "5eb*****************************"}}},
    {"md5$$5ebe2294ecd0e0f08eab7690d2a6ee69", {{"algorithm", "unsalted_md5"}, {"hash", "md5**********************************"}}},
    {"3ab2c1301b7f469bd663e7e45529020a", {{"algorithm", "unsalted_md5"}, {"hash", "3ab*****************************"}}},
    {"crypt$$abNANd1rDfiNc", {{"algorithm", "crypt"}, {"salt", ""}, {"hash", "abN**********"}}},
};

struct RehashVector {
    std::string encoded;
    bool needs_rehash;
};

// Django's must_update (plus "hasher changed") with pbkdf2_sha256 at 1000 iterations.
const std::vector<RehashVector> django_rehash = {
    {"pbkdf2_sha256$260000$MqYSvZ2iLbKYwaJW1AlEXZ$nTSpDwqjYJeHvroQlIvdMN1ndcFvVBZ6CKnPtZ4RuIU=", true},
    {"pbkdf2_sha256$1000$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=", false},
    {"pbkdf2_sha256$1000$seasaltseasaltseasalt1$0Nr7bvf2mV3V0RYDY2LwSoZ8/GOIjkZooldOclDpdxM=", false},
    {"pbkdf2_sha256$1000$seasaltseasaltseasalt1$ENdVaf4eE4nC0q72pau3Pm+al2ddr+e5A4AOqzEvLgw=", false},
    {"pbkdf2_sha1$1000$seasaltseasaltseasalt1$FBGoYTkIZJyd6UEnWFTUGWCAGQY=", true},
    {"pbkdf2_sha1$1000$seasalt$ALt6IF7Os2BQf0keqRxWVVOiPps=", true},
    {"pbkdf2_sha256$1000$seasalt$+hs9qSCcGyNSGDNojIEbomuX9WI/mzTF5yfwAXqyKOo=", true},
};

TEST(PasswordHasher, VerifiesEveryDjangoFormat) {
    const PasswordHasher hasher(test_iterations);
    for (const auto& v : django_vectors) {
        SCOPED_TRACE(v.encoded);
        EXPECT_TRUE(hasher.check_password(v.password, v.encoded).matches);
    }
}

TEST(PasswordHasher, RefusesWrongPasswordForEveryFormat) {
    const PasswordHasher hasher(test_iterations);
    for (const auto& v : django_vectors) {
        SCOPED_TRACE(v.encoded);
        EXPECT_FALSE(hasher.check_password(v.password + "x", v.encoded).matches);
        EXPECT_FALSE(hasher.check_password("Secret", v.encoded).matches);
    }
}

TEST(PasswordHasher, VerifiesDjango32DefaultIterationsVector) {
    const PasswordHasher hasher(django32_pbkdf2_iterations);
    const auto check = hasher.check_password(
        "secret", "pbkdf2_sha256$260000$MqYSvZ2iLbKYwaJW1AlEXZ$nTSpDwqjYJeHvroQlIvdMN1ndcFvVBZ6CKnPtZ4RuIU=");
    EXPECT_TRUE(check.matches);
    EXPECT_FALSE(check.needs_rehash);
}

TEST(PasswordHasher, Bcrypt72ByteTruncationOnlyForPlainBcrypt) {
    const PasswordHasher hasher(test_iterations);
    const std::string long_password(100, 'x');
    // Plain bcrypt only sees the first 72 bytes, as in Django; bcrypt_sha256 sees all.
    const std::string sha256_hash =
        "bcrypt_sha256$$2b$04$abcdefghijklmnopqrstuut2SshH6UbGkn9RXLOv/njlCqQS.IYXK";
    EXPECT_TRUE(hasher.check_password(long_password, sha256_hash).matches);
    EXPECT_FALSE(hasher.check_password(std::string(99, 'x'), sha256_hash).matches);
}

TEST(PasswordHasher, MakePasswordHasDjangosFormatAndVerifies) {
    const PasswordHasher hasher(test_iterations);
    const std::regex shape(R"(pbkdf2_sha256\$1000\$[a-zA-Z0-9]{22}\$[A-Za-z0-9+/]{43}=)");
    std::set<std::string> seen;
    for (int i = 0; i < 5; ++i) {
        const std::string encoded = hasher.make_password("correct horse");
        EXPECT_TRUE(std::regex_match(encoded, shape)) << encoded;
        const auto check = hasher.check_password("correct horse", encoded);
        EXPECT_TRUE(check.matches);
        EXPECT_FALSE(check.needs_rehash);
        EXPECT_FALSE(hasher.check_password("correct horsf", encoded).matches);
        seen.insert(encoded);
    }
    EXPECT_EQ(seen.size(), 5u);  // fresh salt every time
}

TEST(PasswordHasher, MakePasswordUsesConfiguredIterations) {
    EXPECT_EQ(PasswordHasher(2000).make_password("pw").substr(0, 19), "pbkdf2_sha256$2000$");
    EXPECT_EQ(PasswordHasher().pbkdf2_iterations(), default_pbkdf2_iterations);
}

TEST(PasswordHasher, MakePasswordAcceptsEmptyAndUnicodePasswords) {
    const PasswordHasher hasher(test_iterations);
    for (std::string password : {"", "pässwörd€", "tab\there"}) {
        EXPECT_TRUE(hasher.check_password(password, hasher.make_password(password)).matches);
    }
}

TEST(PasswordHasher, NeedsRehashAsDjangosMustUpdate) {
    const PasswordHasher hasher(test_iterations);
    for (const auto& v : django_rehash) {
        SCOPED_TRACE(v.encoded);
        EXPECT_EQ(hasher.check_password("irrelevant", v.encoded).needs_rehash, v.needs_rehash);
    }
}

TEST(PasswordHasher, NeedsRehashForOtherAlgorithmsAndCounts) {
    const PasswordHasher hasher(test_iterations);
    for (const auto& v : django_vectors) {
        SCOPED_TRACE(v.encoded);
        const auto check = hasher.check_password(v.password, v.encoded);
        const bool current = v.encoded.starts_with("pbkdf2_sha256$1000$seasaltseasaltseasalt1$");
        EXPECT_EQ(check.needs_rehash, !current);
    }
    // More iterations than configured also re-hashes (Django compares with !=).
    const PasswordHasher cheaper(500);
    EXPECT_TRUE(cheaper.check_password("secret", django_vectors[1].encoded).needs_rehash);
}

TEST(PasswordHasher, UnusablePasswordNeverMatches) {
    const std::string unusable = PasswordHasher::make_unusable_password();
    EXPECT_TRUE(std::regex_match(unusable, std::regex("![a-zA-Z0-9]{40}"))) << unusable;
    EXPECT_NE(unusable, PasswordHasher::make_unusable_password());
    EXPECT_FALSE(PasswordHasher::is_usable(unusable));
    const PasswordHasher hasher(test_iterations);
    EXPECT_FALSE(hasher.check_password("", unusable).matches);
    EXPECT_FALSE(hasher.check_password(unusable, unusable).matches);
    EXPECT_FALSE(hasher.check_password(unusable.substr(1), unusable).matches);
    // A "!" in front of a valid hash makes it unusable, as Django's set_unusable_password.
    EXPECT_FALSE(hasher.check_password("secret", "!" + django_vectors[1].encoded).matches);
}

TEST(PasswordHasher, IsUsableAsDjango) {
    EXPECT_TRUE(PasswordHasher::is_usable(""));  // Django: only the "!" prefix is unusable
    EXPECT_TRUE(PasswordHasher::is_usable("garbage"));
    EXPECT_TRUE(PasswordHasher::is_usable(django_vectors[0].encoded));
    EXPECT_FALSE(PasswordHasher::is_usable("!"));
}

TEST(PasswordHasher, MalformedStoredValuesNeverMatchNorCrash) {
    const PasswordHasher hasher(test_iterations);
    const std::vector<std::string> malformed = {
        "",
        "$",
        "$$$$",
        "secret",
        "unknown$1$salt$hash",
        "pbkdf2_sha256",
        "pbkdf2_sha256$",
        "pbkdf2_sha256$1000",
        "pbkdf2_sha256$1000$seasaltseasaltseasalt1",
        "pbkdf2_sha256$$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=",
        "pbkdf2_sha256$abc$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=",
        "pbkdf2_sha256$-1000$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=",
        "pbkdf2_sha256$+1000$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=",
        "pbkdf2_sha256$01000$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=",
        "pbkdf2_sha256$0$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=",
        "pbkdf2_sha256$100000001$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=",
        "pbkdf2_sha256$99999999999999999999999$s$h",
        "pbkdf2_sha256$1000$$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=",
        "pbkdf2_sha256$1000$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY",
        "pbkdf2_sha256$1000$seasaltseasaltseasalt1$!!not*base64!!",
        "pbkdf2_sha256$1000$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=$",
        "pbkdf2_sha1$1000$seasaltseasaltseasalt1$WucnQ2OgvD1DvMAeljU64u9oRIQ0RssChUP7RVK/sOY=",
        "argon2",
        "argon2$",
        "argon2$argon2id",
        "argon2$argon2id$v=19",
        "argon2$argon2id$v=19$m=256,t=1,p=2",
        "argon2$argon2id$v=19$m=256,t=1$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw",
        "argon2$argon2id$v=19$t=1,m=256,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw",
        "argon2$argon2id$v=19$m=256,t=1,p=2$$",
        "argon2$argon2id$v=19$m=256,t=1,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$",
        "argon2$argon2id$v=19$m=256,t=1,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$!!!!",
        "argon2$argon2id$v=19$m=256,t=1,p=2$***$h/67PnoLCNMY/tCPYS65pw",
        "argon2$argon2x$v=19$m=256,t=1,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw",
        "argon2$argon2id$v=99$m=256,t=1,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw",
        "argon2$argon2id$v=19$m=2000000,t=1,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw",
        "argon2$argon2id$v=19$m=256,t=100000,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw",
        "argon2$argon2id$v=19$m=256,t=1,p=100000$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw",
        "argon2$argon2id$v=19$m=0,t=1,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw",
        "argon2$argon2id$v=19$m=256,t=1,p=2$c2Vh$h/67PnoLCNMY/tCPYS65pw",  // salt under 8 bytes
        "argon2$argon2id$v=19$m=256,t=1,p=2$c2Vhc2FsdHNlYXNhbHRzZWFzYWx0MQ$h/67PnoLCNMY/tCPYS65pw$x",
        "bcrypt_sha256",
        "bcrypt_sha256$",
        "bcrypt_sha256$$",
        "bcrypt_sha256$2b$04$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52u",
        "bcrypt_sha256$$2b$04$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52",
        "bcrypt_sha256$$2b$04$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52uu",
        "bcrypt_sha256$$2b$31$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52u",
        "bcrypt_sha256$$2b$17$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52u",
        "bcrypt_sha256$$2b$03$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52u",
        "bcrypt_sha256$$2b$xx$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52u",
        "bcrypt_sha256$$2q$04$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52u",
        "bcrypt_sha256$$2b$04$!!!!!!!!!!!!!!!!!!!!!!raR8y8jUb0UMmCc9fwl/YxKZSpSs52u",
        "bcrypt_sha256$$1$04$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52uxx",
        "bcrypt$",
        "bcrypt$$2b$04$abcdefghijklmnopqrstuuraR8y8jUb0UMmCc9fwl/YxKZSpSs52u",
        "scrypt",
        "scrypt$16384$seasalt$8$1$",
        "scrypt$16384$seasalt$8$1",
        "scrypt$16384$$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
        "scrypt$16383$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
        "scrypt$0$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
        "scrypt$1073741824$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
        "scrypt$16384$seasalt$8$1000$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
        "scrypt$16384$seasalt$0$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==",
        "scrypt$16384$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==$",
        "sha1$",
        "sha1$$",
        "sha1$$abc",
        "sha1$salt",
        "md5$",
        "md5$$",
        "md5$$abc",
        "md5$salt$",
        "crypt$",
        "crypt$$",
        "crypt$$short",
        "crypt$$$5$rounds=999999999$saltsalt$abc",
        "crypt$$$6$saltsalt$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "crypt$$ab!!!!!!!!!!!",
        "unsalted_md5$secret",
        "unsalted_sha1$$e5e9fa1ba31ecd1ae84f75caaa474f3a663f05f4",
        "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz",
        std::string("pbkdf2_sha256\0$1000$s$h", 23),
        "\xff\xfe\xfd$\x80",
    };
    const auto start = std::chrono::steady_clock::now();
    for (const auto& encoded : malformed) {
        SCOPED_TRACE(encoded);
        const auto check = hasher.check_password("secret", encoded);
        EXPECT_FALSE(check.matches);
        EXPECT_FALSE(hasher.check_password("", encoded).matches);
        (void)PasswordHasher::summarize(encoded);  // must not throw or crash
    }
    // Bounds refuse absurd costs before any work: the whole list stays fast.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
}

TEST(PasswordHasher, MalformedValuesDoNotAskForRehash) {
    const PasswordHasher hasher(test_iterations);
    EXPECT_FALSE(hasher.check_password("secret", "").needs_rehash);
    EXPECT_FALSE(hasher.check_password("secret", "pbkdf2_sha256$abc$s$h").needs_rehash);
    EXPECT_FALSE(hasher.check_password("secret", PasswordHasher::make_unusable_password()).needs_rehash);
}

TEST(PasswordHasher, OverlongPasswordsNeverMatch) {
    const PasswordHasher hasher(test_iterations);
    const std::string at_limit(max_password_bytes, 'a');
    const std::string over_limit(max_password_bytes + 1, 'a');
    EXPECT_TRUE(hasher.check_password(at_limit, hasher.make_password(at_limit)).matches);
    EXPECT_THROW(hasher.make_password(over_limit), std::length_error);
    // Even a stored hash of the long password itself (Django has no limit) is refused.
    const std::string encoded = hashers::pbkdf2_encode(hashers::Pbkdf2Digest::sha256, over_limit,
                                                       "seasaltseasaltseasalt1", test_iterations);
    EXPECT_FALSE(hasher.check_password(over_limit, encoded).matches);
    EXPECT_NO_THROW(hasher.run_dummy_check(std::string(1 << 20, 'a')));
}

TEST(PasswordHasher, NulBytesInPasswordsAreHashedAsBytesForPbkdf2) {
    const PasswordHasher hasher(test_iterations);
    const std::string with_nul("ab\0cd", 5);
    const std::string encoded = hasher.make_password(with_nul);
    EXPECT_TRUE(hasher.check_password(with_nul, encoded).matches);
    EXPECT_FALSE(hasher.check_password("ab", encoded).matches);
    // crypt(3)-based formats cannot take a NUL: refused, never truncated to a match.
    EXPECT_FALSE(hasher.check_password(std::string("secret\0x", 8),
                                       "bcrypt$$2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW")
                     .matches);
}

TEST(PasswordHasher, RunDummyCheckHashesOnce) {
    EXPECT_NO_THROW(PasswordHasher(test_iterations).run_dummy_check("whatever"));
}

TEST(PasswordHasher, SummaryMatchesDjangosSafeSummary) {
    for (const auto& v : django_summaries) {
        SCOPED_TRACE(v.encoded);
        const HashSummary summary = PasswordHasher::summarize(v.encoded);
        EXPECT_TRUE(summary.usable);
        EXPECT_EQ(summary.fields, v.fields);
    }
}

TEST(PasswordHasher, SummaryOfScryptUsesDjango4Labels) {
    const HashSummary summary = PasswordHasher::summarize(
        "scrypt$16384$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw==");
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"algorithm", "scrypt"}, {"work factor", "16384"}, {"block size", "8"},
        {"parallelism", "1"},    {"salt", "seasal*"},
        {"hash", "Qj3+9P" + std::string(82, '*')},
    };
    EXPECT_EQ(summary.fields, expected);
}

TEST(PasswordHasher, SummaryOfUnusableAndUnknown) {
    for (const std::string encoded : {"", "!abc"}) {
        const HashSummary summary = PasswordHasher::summarize(encoded);
        EXPECT_FALSE(summary.usable);
        EXPECT_TRUE(summary.fields.empty());
        EXPECT_EQ(summary.message, "No password set.");
    }
    for (const std::string encoded : {"unknown$x", "pbkdf2_sha256$x", "argon2$argon2id"}) {
        const HashSummary summary = PasswordHasher::summarize(encoded);
        EXPECT_TRUE(summary.usable);
        EXPECT_TRUE(summary.fields.empty());
        EXPECT_EQ(summary.message, "Invalid password format or unknown hashing algorithm.");
    }
}

struct MaskVector {
    std::string hash;
    std::size_t show;
    std::string masked;
};

TEST(HasherEncoding, MaskHashAsDjango) {
    const std::vector<MaskVector> vectors = {
        {"abcdefghij", 6, "abcdef****"},
        {"abc", 6, "abc"},
        {"abcdef", 2, "ab****"},
        {"", 6, ""},
        {"pässwörd", 3, "päs*****"},  // characters, not bytes, as Python slices str
    };
    for (const auto& v : vectors) EXPECT_EQ(hashers::mask_hash(v.hash, v.show), v.masked);
}

TEST(HasherEncoding, RandomStringUsesWholeAlphabet) {
    const std::string s = hashers::random_string(5000);
    EXPECT_EQ(s.size(), 5000u);
    const std::set<char> distinct(s.begin(), s.end());
    EXPECT_EQ(distinct.size(), 62u);
    EXPECT_TRUE(std::regex_match(s, std::regex("[a-zA-Z0-9]*")));
}

TEST(HasherEncoding, Base64RoundTripsAndRejectsGarbage) {
    for (std::string bytes : {"", "a", "ab", "abc", "abcd", "\xff\x00\x80"}) {
        EXPECT_EQ(hashers::base64_decode(hashers::base64_encode(bytes)), bytes);
    }
    EXPECT_EQ(hashers::base64_encode("secret"), "c2VjcmV0");
    EXPECT_FALSE(hashers::base64_decode("c2V*").has_value());
    EXPECT_FALSE(hashers::base64_decode("c").has_value());
}

}  // namespace
}  // namespace gatehouse::auth
