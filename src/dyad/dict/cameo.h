// The CAMEO event-code table (data/cameo/codes.tsv): name, Goldstein value, QuadClass, PLOVER type and mode, and
// whether the event is symmetric. Immutable after loading.
#ifndef DYAD_DICT_CAMEO_H_
#define DYAD_DICT_CAMEO_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "dyad/base/status.h"

namespace dyad::dict {

struct CameoCode {
  std::string code;  // "040", "0211", "19"
  std::string name;
  double goldstein = 0;
  int quad_class = 0;  // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
  std::string plover_type;
  std::string plover_mode;
  bool symmetric = false;

  std::string_view root() const { return std::string_view(code).substr(0, 2); }
};

class CameoTable {
 public:
  static Result<CameoTable> Parse(std::string_view contents, std::string_view path);
  static Result<CameoTable> Load(const std::string& path);

  // nullptr when the code is not in the table.
  const CameoCode* Find(std::string_view code) const;
  const std::vector<CameoCode>& codes() const { return codes_; }

 private:
  std::vector<CameoCode> codes_;
  std::unordered_map<std::string, size_t> by_code_;
};

}  // namespace dyad::dict

#endif  // DYAD_DICT_CAMEO_H_
