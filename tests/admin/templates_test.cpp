#include "admin/templates.hpp"

#include "admin/assets.hpp"

#include <gtest/gtest.h>

namespace gatehouse::admin {
namespace {

TEST(Templates, EveryTemplateParsesAndRenders) {
    int count = 0;
    for (const Asset& asset : embedded_assets()) {
        if (asset.name.rfind("templates/", 0) != 0) continue;
        std::string name(asset.name.substr(10, asset.name.size() - 10 - 9));  // strip "templates/" and ".mustache"
        EXPECT_NO_THROW(render_template(name, {{"title", "t"}})) << name;
        ++count;
    }
    EXPECT_GE(count, 15);
}

TEST(Templates, ValuesAreHtmlEscaped) {
    std::string page = render_page("login", {{"title", "Log in"}, {"username", "<script>\"'&"}, {"next", "/admin/"}});
    EXPECT_EQ(page.find("<script>\""), std::string::npos);
    EXPECT_NE(page.find("&lt;script&gt;&quot;&apos;&amp;"), std::string::npos);
}

TEST(Templates, LayoutWrapsThePage) {
    std::string page = render_page("forbidden", {{"title", "403 Forbidden"}});
    EXPECT_NE(page.find("<title>403 Forbidden | gatehouse administration</title>"), std::string::npos);
    EXPECT_NE(page.find("You do not have permission"), std::string::npos);
}

TEST(Templates, StaticAssetsAreEmbedded) {
    EXPECT_TRUE(find_asset("static/gatehouse.css"));
    EXPECT_TRUE(find_asset("static/admin.js"));
    EXPECT_FALSE(find_asset("static/preview.html"));
}

TEST(Templates, MissingTemplateIsAnError) { EXPECT_THROW(render_template("no_such_page", {}), std::logic_error); }

}  // namespace
}  // namespace gatehouse::admin
