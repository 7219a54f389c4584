#include "ingest/generate/internal/name_data.h"

#include <array>

namespace credo::ingest::generate {
namespace {

// The most common Han surnames (about half of China's population carries one of them).
constexpr std::array<HanSurname, 32> kHanSurnames = {{
    {"王", "wang", "wong"},        {"李", "li", "lee"},       {"张", "zhang", "chang"},
    {"刘", "liu", "lau"},          {"陈", "chen", "chan"},    {"杨", "yang", "yeung"},
    {"黄", "huang", "wong"},       {"赵", "zhao", "chao"},    {"吴", "wu", "ng"},
    {"周", "zhou", "chow"},        {"徐", "xu", "hsu"},       {"孙", "sun", "suen"},
    {"马", "ma", "mah"},           {"朱", "zhu", "chu"},      {"胡", "hu", "woo"},
    {"郭", "guo", "kwok"},         {"何", "he", "ho"},        {"高", "gao", "kao"},
    {"林", "lin", "lam"},          {"罗", "luo", "law"},      {"郑", "zheng", "cheng"},
    {"梁", "liang", "leung"},      {"谢", "xie", "hsieh"},    {"宋", "song", "sung"},
    {"唐", "tang", "tong"},        {"许", "xu", "hui"},       {"韩", "han", "hon"},
    {"冯", "feng", "fung"},        {"邓", "deng", "tang"},    {"曹", "cao", "tsao"},
    {"欧阳", "ouyang", "auyeung"}, {"司马", "sima", "szeto"},
}};

constexpr std::array<HanGivenCharacter, 40> kHanGiven = {{
    {"伟", "wei", "炜"},  {"芳", "fang", "方"}, {"娜", "na", "纳"},    {"敏", "min", "珉"},
    {"静", "jing", "婧"}, {"丽", "li", "莉"},   {"强", "qiang", "蔷"}, {"磊", "lei", "蕾"},
    {"军", "jun", "君"},  {"洋", "yang", "阳"}, {"勇", "yong", "永"},  {"艳", "yan", "燕"},
    {"杰", "jie", "洁"},  {"娟", "juan", "鹃"}, {"涛", "tao", "韬"},   {"明", "ming", "铭"},
    {"超", "chao", "潮"}, {"秀", "xiu", "修"},  {"霞", "xia", "夏"},   {"平", "ping", "萍"},
    {"刚", "gang", "钢"}, {"桂", "gui", "贵"},  {"英", "ying", "莹"},  {"华", "hua", "桦"},
    {"文", "wen", "雯"},  {"辉", "hui", "晖"},  {"玲", "ling", "铃"},  {"建", "jian", "剑"},
    {"国", "guo", "帼"},  {"红", "hong", "虹"}, {"志", "zhi", "智"},   {"鹏", "peng", "朋"},
    {"宇", "yu", "雨"},   {"浩", "hao", "昊"},  {"晨", "chen", "辰"},  {"欣", "xin", "馨"},
    {"佳", "jia", "嘉"},  {"婷", "ting", "亭"}, {"琳", "lin", "林"},   {"雪", "xue", "学"},
}};

constexpr std::array<UsFirstName, 40> kUsFirstNames = {{
    {"William", "Bill", true},      {"Robert", "Bob", true},      {"Richard", "Rick", true},
    {"James", "Jim", true},         {"John", "Jack", true},       {"Michael", "Mike", true},
    {"Thomas", "Tom", true},        {"Joseph", "Joe", true},      {"Charles", "Chuck", true},
    {"Christopher", "Chris", true}, {"Daniel", "Dan", true},      {"Matthew", "Matt", true},
    {"Anthony", "Tony", true},      {"David", "Dave", true},      {"Steven", "Steve", true},
    {"Andrew", "Andy", true},       {"Joshua", "Josh", true},     {"Edward", "Ted", true},
    {"Alexander", "Alex", true},    {"Kevin", "", true},          {"Brian", "", true},
    {"Elizabeth", "Liz", false},    {"Katherine", "Kate", false}, {"Margaret", "Peggy", false},
    {"Jennifer", "Jen", false},     {"Patricia", "Pat", false},   {"Susan", "Sue", false},
    {"Deborah", "Deb", false},      {"Barbara", "Barb", false},   {"Jessica", "Jess", false},
    {"Mary", "Molly", false},       {"Rebecca", "Becky", false},  {"Victoria", "Vicky", false},
    {"Abigail", "Abby", false},     {"Samantha", "Sam", false},   {"Linda", "", false},
    {"Karen", "", false},           {"Nancy", "", false},         {"Sarah", "", false},
    {"Emily", "", false},
}};

constexpr std::array<std::string_view, 40> kUsSurnames = {
    "Smith",     "Johnson",  "Williams",  "Brown",   "Jones",    "Garcia",   "Miller",   "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",   "Gonzalez", "Wilson",   "Anderson", "Thomas",
    "Taylor",    "Moore",    "Jackson",   "Martin",  "Lee",      "Perez",    "Thompson", "White",
    "Harris",    "Sanchez",  "Clark",     "Ramirez", "Lewis",    "Robinson", "Walker",   "Young",
    "Allen",     "King",     "Wright",    "Scott",   "Nguyen",   "Hill",     "Flores",   "Green"};

constexpr std::array<std::string_view, 20> kUsMiddleInitials = {"A", "B", "C", "D", "E", "F", "G",
                                                                "H", "J", "K", "L", "M", "N", "P",
                                                                "R", "S", "T", "V", "W", ""};

// Real district codes (GB/T 2260) and their main postcodes.
constexpr std::array<CnDistrict, 15> kCnDistricts = {{
    {"110105", "北京市", "北京市", "朝阳区", "beijing", "100020", "10"},
    {"310115", "上海市", "上海市", "浦东新区", "shanghai", "200120", "21"},
    {"440305", "广东省", "深圳市", "南山区", "shenzhen", "518052", "755"},
    {"440106", "广东省", "广州市", "天河区", "guangzhou", "510630", "20"},
    {"330106", "浙江省", "杭州市", "西湖区", "hangzhou", "310013", "571"},
    {"320106", "江苏省", "南京市", "鼓楼区", "nanjing", "210009", "25"},
    {"510107", "四川省", "成都市", "武侯区", "chengdu", "610041", "28"},
    {"420106", "湖北省", "武汉市", "武昌区", "wuhan", "430061", "27"},
    {"610113", "陕西省", "西安市", "雁塔区", "xian", "710061", "29"},
    {"500103", "重庆市", "重庆市", "渝中区", "chongqing", "400010", "23"},
    {"120101", "天津市", "天津市", "和平区", "tianjin", "300041", "22"},
    {"370202", "山东省", "青岛市", "市南区", "qingdao", "266001", "532"},
    {"350203", "福建省", "厦门市", "思明区", "xiamen", "361001", "592"},
    {"430104", "湖南省", "长沙市", "岳麓区", "changsha", "410006", "731"},
    {"410105", "河南省", "郑州市", "金水区", "zhengzhou", "450003", "371"},
}};

constexpr std::array<std::string_view, 16> kCnStreets = {
    "中山路", "人民路", "解放路", "建设路", "和平路", "新华路", "长江路", "黄河路",
    "文化路", "青年路", "胜利路", "光明路", "朝阳路", "东风路", "学府路", "科技路"};

constexpr std::array<UsCity, 16> kUsCities = {{
    {"New York", "NY", "10001", "212"},
    {"Los Angeles", "CA", "90012", "213"},
    {"Chicago", "IL", "60601", "312"},
    {"Houston", "TX", "77002", "713"},
    {"Phoenix", "AZ", "85004", "602"},
    {"Philadelphia", "PA", "19103", "215"},
    {"San Antonio", "TX", "78205", "210"},
    {"San Diego", "CA", "92101", "619"},
    {"Dallas", "TX", "75201", "214"},
    {"San Jose", "CA", "95113", "408"},
    {"Austin", "TX", "78701", "512"},
    {"Seattle", "WA", "98101", "206"},
    {"Denver", "CO", "80202", "303"},
    {"Boston", "MA", "02108", "617"},
    {"Atlanta", "GA", "30303", "404"},
    {"Miami", "FL", "33130", "305"},
}};

constexpr std::array<std::string_view, 16> kUsStreets = {
    "MAIN ST",        "OAK AVE",     "MAPLE ST",     "CEDAR LN",   "PINE ST",     "ELM ST",
    "WASHINGTON AVE", "PARK AVE",    "LAKE DR",      "HILL RD",    "SUNSET BLVD", "CHURCH ST",
    "HIGHLAND AVE",   "LINCOLN AVE", "JEFFERSON ST", "MADISON AVE"};

constexpr std::array<std::string_view, 24> kCnCompanyWords = {
    "华信", "恒通", "鑫源", "宏达", "金桥", "瑞丰", "天成", "新纪元",
    "中联", "长城", "东方", "博远", "盛世", "嘉禾", "永安", "汇通",
    "德润", "安泰", "锦程", "星辰", "海川", "正阳", "远航", "同创"};

// GB/T 4754-2017 divisions.
constexpr std::array<Industry, 10> kIndustries = {{
    {"科技", "I65"},
    {"贸易", "F51"},
    {"建筑工程", "E48"},
    {"机械制造", "C34"},
    {"物流", "G54"},
    {"餐饮管理", "H62"},
    {"房地产开发", "K70"},
    {"电子", "C39"},
    {"农业发展", "A01"},
    {"咨询", "L72"},
}};

constexpr std::array<std::string_view, 16> kCnMobilePrefixes = {
    "134", "135", "136", "137", "138", "139", "150", "151",
    "158", "159", "186", "187", "188", "177", "180", "199"};

constexpr std::array<std::string_view, 5> kCnEmailDomains = {"qq.com", "163.com", "126.com",
                                                             "sina.com", "foxmail.com"};
constexpr std::array<std::string_view, 5> kUsEmailDomains = {
    "gmail.com", "yahoo.com", "outlook.com", "aol.com", "icloud.com"};

}  // namespace

std::span<const HanSurname> HanSurnames() { return kHanSurnames; }
std::span<const HanGivenCharacter> HanGivenCharacters() { return kHanGiven; }
std::span<const UsFirstName> UsFirstNames() { return kUsFirstNames; }
std::span<const std::string_view> UsSurnames() { return kUsSurnames; }
std::span<const std::string_view> UsMiddleInitials() { return kUsMiddleInitials; }
std::span<const CnDistrict> CnDistricts() { return kCnDistricts; }
std::span<const std::string_view> CnStreets() { return kCnStreets; }
std::span<const UsCity> UsCities() { return kUsCities; }
std::span<const std::string_view> UsStreets() { return kUsStreets; }
std::span<const std::string_view> CnCompanyWords() { return kCnCompanyWords; }
std::span<const Industry> Industries() { return kIndustries; }
std::span<const std::string_view> CnMobilePrefixes() { return kCnMobilePrefixes; }
std::span<const std::string_view> CnEmailDomains() { return kCnEmailDomains; }
std::span<const std::string_view> UsEmailDomains() { return kUsEmailDomains; }

}  // namespace credo::ingest::generate
