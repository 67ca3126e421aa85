// Reading the project's own HTML and SVG output back in tests: as an XML
// tree (the reports and pages are well-formed XHTML), and as the text a
// reader sees.
#pragma once

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <string>

namespace omvarld::test {

// The page or SVG as a tree; a parse failure fails the test, showing the text.
inline pugi::xml_document parse_markup(const std::string& markup) {
  pugi::xml_document doc;
  EXPECT_TRUE(doc.load_string(markup.c_str(), pugi::parse_default | pugi::parse_doctype)) << markup;
  return doc;
}

// Every text node below `node`, joined by newlines, without <style> and
// <title>; with or without the charts (<svg>). (Recursive: only for the
// project's own output, whose depth is small.)
inline std::string visible_text(const pugi::xml_node& node, bool with_svg = true) {
  std::string out;
  for (pugi::xml_node c : node.children()) {
    if (c.type() == pugi::node_pcdata) {
      out += c.value();
      out += '\n';
    } else if (c.type() == pugi::node_element) {
      const std::string name = c.name();
      if (name == "style" || name == "title" || (!with_svg && name == "svg")) continue;
      out += visible_text(c, with_svg);
    }
  }
  return out;
}

}  // namespace omvarld::test
