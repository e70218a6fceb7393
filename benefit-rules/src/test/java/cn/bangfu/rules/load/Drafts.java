package cn.bangfu.rules.load;

/** The head of a draft rule file for validation tests: everything but the steps. */
public final class Drafts {
    public static final String HEAD = """
            id: draft
            version: 1
            nameZh: 草稿
            nameEn: Draft
            source: {zh: 测试, en: test}
            pool: {kind: surplus}
            """;

    private Drafts() {
    }
}
