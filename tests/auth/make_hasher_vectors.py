#!/usr/bin/python3
"""Regenerates the constants in tests/auth/hashers_test.cpp and password_validation_test.cpp.

Runs Django's own code (Debian's python3-django 3.2) so the C++ tests compare against the
reference, not against our reading of it. Needs argon2-cffi and bcrypt importable, e.g.:

    apt-get download python3-argon2 python3-bcrypt
    for d in *.deb; do dpkg -x "$d" /tmp/hashgen/py; done
    PYTHONPATH=/tmp/hashgen/py/usr/lib/python3/dist-packages /usr/bin/python3 make_hasher_vectors.py

Salts are fixed so the output is reproducible. Django 3.2 has no scrypt hasher: scrypt vectors
use Django 4.0's formula (ScryptPasswordHasher.encode) over hashlib.scrypt.
"""
import base64
import hashlib
import sys

import django
from django.conf import settings

settings.configure(
    INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes"],
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.BCryptPasswordHasher",
        "django.contrib.auth.hashers.SHA1PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
        "django.contrib.auth.hashers.UnsaltedSHA1PasswordHasher",
        "django.contrib.auth.hashers.UnsaltedMD5PasswordHasher",
        "django.contrib.auth.hashers.CryptPasswordHasher",
    ],
)
django.setup()

from django.contrib.auth import hashers  # noqa: E402
from django.contrib.auth.hashers import check_password, get_hasher, identify_hasher  # noqa: E402


def cpp(s):
    """A C++ string literal (UTF-8 passes through; only quotes and backslashes need escaping)."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def scrypt_encode(password, salt, n, r, p):
    # Django 4.0 ScryptPasswordHasher.encode, maxmem=0 (OpenSSL's default limit), dklen=64.
    h = hashlib.scrypt(password.encode(), salt=salt.encode(), n=n, r=r, p=p, maxmem=0, dklen=64)
    return "%s$%d$%s$%d$%d$%s" % ("scrypt", n, salt, r, p, base64.b64encode(h).decode("ascii").strip())


class Small:
    """Cheap parameters so the C++ tests run fast; one default-cost vector per algorithm too."""


def pbkdf2(password, salt, iterations, algorithm="pbkdf2_sha256"):
    return get_hasher(algorithm).encode(password, salt, iterations)


def argon2(password, salt, type_, t, m, p):
    import argon2 as a2
    hasher = get_hasher("argon2")
    hasher.time_cost, hasher.memory_cost, hasher.parallelism = t, m, p
    data = a2.low_level.hash_secret(
        password.encode(), salt.encode(), time_cost=t, memory_cost=m, parallelism=p,
        hash_len=a2.DEFAULT_HASH_LENGTH, type=type_)
    return "argon2" + data.decode("ascii")


def bcrypt_hash(password, salt, algorithm):
    return get_hasher(algorithm).encode(password, salt.encode("ascii"))


def main():
    import argon2 as a2

    unicode_pw = "pässwörd€"
    long_pw = "x" * 100  # longer than bcrypt's 72-byte limit
    vectors = [
        # (password, encoded)
        ("secret", "pbkdf2_sha256$260000$MqYSvZ2iLbKYwaJW1AlEXZ$nTSpDwqjYJeHvroQlIvdMN1ndcFvVBZ6CKnPtZ4RuIU="),
        ("secret", pbkdf2("secret", "seasaltseasaltseasalt1", 1000)),
        (unicode_pw, pbkdf2(unicode_pw, "seasaltseasaltseasalt1", 1000)),
        ("", pbkdf2("", "seasaltseasaltseasalt1", 1000)),
        ("secret", pbkdf2("secret", "seasaltseasaltseasalt1", 1000, "pbkdf2_sha1")),
        (unicode_pw, pbkdf2(unicode_pw, "seasalt", 1000, "pbkdf2_sha1")),
        ("secret", "argon2$argon2id$v=19$m=102400,t=2,p=8$Rmp4aHNiSEpEZlRyRmtSUTZCWW5GcQ$TKb3XG144iRAiPOhKJ9osQ"),
        ("secret", argon2("secret", "seasaltseasaltseasalt1", a2.low_level.Type.ID, 1, 256, 2)),
        (unicode_pw, argon2(unicode_pw, "seasaltseasaltseasalt1", a2.low_level.Type.ID, 2, 128, 1)),
        ("secret", argon2("secret", "seasaltseasaltseasalt1", a2.low_level.Type.I, 2, 256, 1)),
        # From Django's own tests: argon2i before the version field existed, and with v=19.
        ("secret", "argon2$argon2i$m=8,t=1,p=1$c29tZXNhbHQ$gwQOXSNhxiOxPOA0+PY10P9QFO4NAYysnqRt1GSQLE55m+2GYDt9FEjPMHhP2Cuf0nOEXXMocVrsJAtNSsKyfg"),
        ("secret", "argon2$argon2i$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q"),
        ("secret", "bcrypt_sha256$$2b$12$hV5xrjjBLdWAdZLR2iRToOXaxJFgeGnKl5fKmTIhB0x82cPB.crWC"),
        ("secret", bcrypt_hash("secret", "$2b$04$abcdefghijklmnopqrstuu", "bcrypt_sha256")),
        (long_pw, bcrypt_hash(long_pw, "$2b$04$abcdefghijklmnopqrstuu", "bcrypt_sha256")),
        ("secret", bcrypt_hash("secret", "$2b$04$abcdefghijklmnopqrstuu", "bcrypt")),
        (unicode_pw, bcrypt_hash(unicode_pw, "$2b$05$0123456789ABCDEFGHIJKu", "bcrypt")),
        # Django 4's own test vector (tests/auth_tests/test_hashers.py).
        ("lètmein", "scrypt$16384$seasalt$8$1$Qj3+9PPyRjSJIebHnG81TMjsqtaIGxNQG/aEB/NYafTJ7tibgfYz71m0ldQESkXFRkdVCBhhY8mx7rQwite/Pw=="),
        ("secret", scrypt_encode("secret", "seasaltseasaltseasalt1", 1024, 8, 1)),
        (unicode_pw, scrypt_encode(unicode_pw, "seasaltseasaltseasalt1", 1024, 4, 2)),
        ("secret", get_hasher("sha1").encode("secret", "seasaltseasaltseasalt1")),
        (unicode_pw, get_hasher("sha1").encode(unicode_pw, "abcde")),
        ("secret", "md5$vBCsl7bITVBat5bBu4kW1M$eb97b3a6cd5919def0e9d09e0711ab88"),
        ("secret", get_hasher("md5").encode("secret", "seasaltseasaltseasalt1")),
        ("secret", get_hasher("unsalted_sha1").encode("secret", "")),
        ("secret", get_hasher("unsalted_md5").encode("secret", "")),
        ("secret", "md5$$" + get_hasher("unsalted_md5").encode("secret", "")),
        (unicode_pw, get_hasher("unsalted_md5").encode(unicode_pw, "")),
        ("secret", get_hasher("crypt").encode("secret", "ab")),
    ]
    print("// Hash vectors: {password, encoded}; each verified by Django 3.2 (scrypt: hashlib).")
    for password, encoded in vectors:
        if encoded.startswith("scrypt$"):
            n, salt, r, p = encoded.split("$")[1:5]
            assert scrypt_encode(password, salt, int(n), int(r), int(p)) == encoded, encoded
        else:
            assert check_password(password, encoded), encoded
            assert not check_password(password + "x", encoded), encoded
        print("    {%s, %s}," % (cpp(password), cpp(encoded)))

    print("\n// Summaries: Django's safe_summary() values, in order.")
    for _, encoded in vectors:
        if encoded.startswith("scrypt$"):
            continue
        summary = identify_hasher(encoded).safe_summary(encoded)
        fields = ", ".join("{%s, %s}" % (cpp(str(k)), cpp(str(v))) for k, v in summary.items())
        print("    {%s, {%s}}," % (cpp(encoded), fields))

    print("\n// mask_hash examples")
    for s, show in [("abcdefghij", 6), ("abc", 6), ("abcdef", 2), ("", 6)]:
        print("    {%s, %d, %s}," % (cpp(s), show, cpp(hashers.mask_hash(s, show))))

    print("\n// must_update with pbkdf2_sha256 at 1000 iterations preferred")
    hashers.PBKDF2PasswordHasher.iterations = 1000
    preferred = get_hasher("default")
    for _, encoded in vectors[:6]:
        print("    {%s, %s}," % (cpp(encoded), "true" if (
            identify_hasher(encoded).algorithm != preferred.algorithm
            or preferred.must_update(encoded)) else "false"))
    short_salt = pbkdf2("secret", "seasalt", 1000)
    print("    {%s, %s}," % (cpp(short_salt), str(preferred.must_update(short_salt)).lower()))

    validation_vectors()


def validation_vectors():
    from difflib import SequenceMatcher
    from django.contrib.auth.models import User
    from django.contrib.auth.password_validation import (
        CommonPasswordValidator, password_validators_help_texts, get_password_validators,
    )
    from django.core.exceptions import ValidationError

    validators = get_password_validators([
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ])

    def errors(password, **attrs):
        user = User(**attrs)
        out = []
        for v in validators:
            try:
                v.validate(password, user)
            except ValidationError as e:
                out.extend(e.messages)
        return out

    cases = [
        ("alexander1", dict(username="alexander")),
        ("alexexample", dict(username="bob", email="alex@example.com")),
        ("example.com", dict(email="alex@example.com")),
        ("Alex@Example.com", dict(email="alex@example.com")),
        ("johnsmith99", dict(first_name="John", last_name="Smith")),
        ("smithereens", dict(last_name="Smith")),
        ("johnathan", dict(first_name="John")),
        ("abcdefg", dict(username="abcdefghij")),        # 2*7/17 = 0.8235
        ("abcdefgxyz", dict(username="abcdefg")),        # 2*7/17
        ("abcdefxyzw", dict(username="abcdefg")),        # 2*6/17 = 0.7058
        ("abcdexyzwq", dict(username="abcdefg")),        # 2*5/17 = 0.588
        ("abcdefgxyz", dict(username="abcdefgqrs")),     # 2*7/20 = 0.7 exactly
        ("abcdefxyzw", dict(username="abcdefqrst")),     # 2*6/20 = 0.6
        ("josé-maría", dict(first_name="José María")),
        ("ΑΛΕΞΑΝΔΡΟΣ1", dict(username="αλεξανδρος")),
        ("", dict(username="@x")),                       # empty part vs empty password
        ("abcdefghijklmn", dict(username="abcdefghiz")), # 2*9/24 = 0.75
        ("abcdefgzyxwvut", dict(username="abcdefgqrs")), # 2*7/24 = 0.583
        ("abcdefghxxxxxxxxx", dict(username="abcdefghij")),  # 2*8/27 = 0.5926
        ("abcdefghijkxxxx", dict(username="abcdefghij")),    # 2*10/25 = 0.8
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaa", dict(username="a")),  # length-ratio shortcut
        ("zq7!vRt#pL2m", dict(username="alexander", email="alex@example.com")),
        ("", dict(username="x")),
        ("1234567", {}),
        ("12345678", {}),
        ("password", {}),
        ("PASSWORD ", {}),
        ("qwerty123", {}),
        ("pässwör", {}),
        ("pässwörd", {}),
        ("€€€€€€€", {}),
        ("€€€€€€€€", {}),
        ("9782734983274", {}),
        ("xk3-Lm9_Qa", dict(username="xk3-lm9_qa")),
        ("ab-cd-ef-gh", dict(username="ab-cd-ef-gh-ij")),
    ]
    print("\n// Validation: {password, {username, first_name, last_name, email}, {messages...}}")
    for password, attrs in cases:
        a = [attrs.get(k, "") for k in ("username", "first_name", "last_name", "email")]
        msgs = errors(password, **attrs)
        print("    {%s, {%s}, {%s}}," % (cpp(password), ", ".join(cpp(x) for x in a),
                                       ", ".join(cpp(m) for m in msgs)))

    print("\n// quick_ratio(a, b)")
    for a, b in [("abcd", "bcde"), ("alexander1", "alexander"), ("", ""), ("aab", "abb"),
                 ("abc", ""), ("hello", "world")]:
        print("    {%s, %s, %r}," % (cpp(a), cpp(b), SequenceMatcher(a=a, b=b).quick_ratio()))

    print("\n// help texts")
    for t in password_validators_help_texts(validators):
        print("    %s," % cpp(t))
    print("\n// common list size: %d" % len(CommonPasswordValidator().passwords))


if __name__ == "__main__":
    sys.exit(main())
