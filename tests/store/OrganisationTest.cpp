#include <gtest/gtest.h>

#include "TempDir.hpp"
#include "rollcall/store/DepartmentRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/OrganisationCsv.hpp"
#include "rollcall/store/PostRepository.hpp"

using namespace rollcall;
using namespace rollcall::store;
using rollcall::testing::TempDir;

namespace {

constexpr std::string_view kDepartments =
    "code,name,parent\n"
    "BUREAU,City Bureau,\n"
    "RECORDS,Records office,BUREAU\n"
    "PERMITS,\"Permits, licences and seals\",BUREAU\n";
constexpr std::string_view kPosts =
    "code,name,department\n"
    "GATE,Front gate,RECORDS\n"
    "DESK-1,Permit desk 1,PERMITS\n";
constexpr std::string_view kEmployees =
    "number,name,department,post,roles,department_head,leadership,verification,active\n"
    "E001,Li Wei,BUREAU,,staff;approver,0,1,either,1\n"
    "E002,Wang Fang,RECORDS,GATE,staff;approver,1,0,both,1\n"
    "E003,Zhang Min,RECORDS,GATE,staff,0,0,face,1\n"
    "E004,Chen Jie,PERMITS,DESK-1,staff;hr,0,0,fingerprint,1\n";

class OrganisationTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = Store::open({.path = dir_.file("rollcall.db")});
        ASSERT_TRUE(s) << s.error().describe();
        store_ = std::move(*s);
    }
    void importAll() {
        OrganisationCsv csv(*store_);
        auto d = csv.importDepartments(kDepartments);
        ASSERT_TRUE(d) << d.error().describe();
        auto p = csv.importPosts(kPosts);
        ASSERT_TRUE(p) << p.error().describe();
        auto e = csv.importEmployees(kEmployees);
        ASSERT_TRUE(e) << e.error().describe();
        EXPECT_EQ(e->inserted, 4);
    }
    EmployeeId idOf(const std::string& number) { return (*EmployeeRepository(*store_).byNumber(number))->id; }

    TempDir dir_;
    std::unique_ptr<Store> store_;
};

}  // namespace

TEST_F(OrganisationTest, ImportsDepartmentsPostsAndPeopleFromCsv) {
    importAll();
    auto permits = DepartmentRepository(*store_).byCode("PERMITS");
    ASSERT_TRUE(permits && *permits);
    EXPECT_EQ((*permits)->name, "Permits, licences and seals");
    auto wang = EmployeeRepository(*store_).byNumber("E002");
    ASSERT_TRUE(wang && *wang);
    EXPECT_EQ((*wang)->roles, (std::set{Role::Approver, Role::Staff}));
    EXPECT_TRUE((*wang)->departmentHead);
    EXPECT_EQ((*wang)->verification, Verification::Both);
    EXPECT_EQ((*EmployeeRepository(*store_).list({.role = Role::Hr}))[0].number, "E004");
}

TEST_F(OrganisationTest, ABadRowImportsNothingAndNamesItsLine) {
    importAll();
    const std::string csv =
        "number,name,department,post,roles\n"
        "E005,Zhao Lei,RECORDS,GATE,staff\n"
        "E006,,RECORDS,,staff\n"
        "E007,Sun Li,NOWHERE,,staff\n"
        "E003,Zhang Min renamed,RECORDS,GATE,janitor\n";
    auto r = OrganisationCsv(*store_).importEmployees(csv);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "csv.invalid");
    EXPECT_EQ(r.error().field, "line 3");
    EXPECT_NE(r.error().message.find("line 3: employee E006 has no name"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("line 4: unknown department 'NOWHERE'"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("line 5: roles 'janitor'"), std::string::npos) << r.error().message;
    EXPECT_FALSE(*EmployeeRepository(*store_).byNumber("E005")) << "the good row was not imported either";
    EXPECT_EQ((*EmployeeRepository(*store_).byNumber("E003"))->name, "Zhang Min");
}

TEST_F(OrganisationTest, ReimportUpdatesByNumberAndExportRoundTrips) {
    importAll();
    OrganisationCsv csv(*store_);
    auto exported = csv.exportEmployees();
    ASSERT_TRUE(exported);
    auto again = csv.importEmployees(*exported);
    ASSERT_TRUE(again) << again.error().describe();
    EXPECT_EQ(again->inserted, 0);
    EXPECT_EQ(again->updated, 4);
    EXPECT_EQ(*csv.exportEmployees(), *exported);
    auto depts = csv.exportDepartments();
    ASSERT_TRUE(depts);
    EXPECT_NE(depts->find("\"Permits, licences and seals\""), std::string::npos);
    EXPECT_TRUE(csv.importDepartments(*depts));
}

TEST_F(OrganisationTest, DepartmentTreeRefusesCyclesAndFiltersBySubtree) {
    importAll();
    DepartmentRepository repo(*store_);
    auto bureau = **repo.byCode("BUREAU");
    auto records = **repo.byCode("RECORDS");
    bureau.parent = records.id;
    auto r = repo.upsert(bureau);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "department.cycle");
    EXPECT_EQ(EmployeeRepository(*store_).list({.department = bureau.id})->size(), 4u);
    EXPECT_EQ(EmployeeRepository(*store_).list({.department = records.id})->size(), 2u);
}

TEST_F(OrganisationTest, PeopleAreValidatedAndOffboardedNotDeleted) {
    importAll();
    EmployeeRepository repo(*store_);
    Employee e;
    e.number = "E009";
    e.name = "Guo Hua";
    e.post = (**PostRepository(*store_).byCode("DESK-1")).id;
    e.department = (**DepartmentRepository(*store_).byCode("RECORDS")).id;
    auto bad = repo.upsert(e);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().field, "post");
    e.department.reset();
    auto id = repo.upsert(e);
    ASSERT_TRUE(id) << id.error().describe();
    EXPECT_EQ((*repo.get(*id))->department, (**DepartmentRepository(*store_).byCode("PERMITS")).id) << "the post sets the department";
    Employee dup = e;
    dup.id = EmployeeId{};
    dup.number = "E001";
    auto clash = repo.upsert(Employee{dup.id, "E001", "Someone else", {}, {}, {Role::Staff}, false, false, Verification::Face, true, {}});
    ASSERT_TRUE(clash) << "an upsert by number updates the existing person";
    EXPECT_EQ((*repo.byNumber("E001"))->name, "Someone else");
    ASSERT_TRUE(repo.offboard(*id, LocalDate(2026, 11, 30)));
    auto gone = repo.get(*id);
    ASSERT_TRUE(gone && *gone);
    EXPECT_FALSE((*gone)->active);
    EXPECT_EQ((*gone)->offboardedOn, LocalDate(2026, 11, 30));
    EXPECT_EQ(repo.list({.active = true})->size(), 4u);
    EXPECT_FALSE(repo.offboard(EmployeeId(999), LocalDate(2026, 11, 30)));
}

TEST_F(OrganisationTest, ApproversComeFromTheDepartmentTreeAndTheFlags) {
    importAll();
    EmployeeRepository repo(*store_);
    auto heads = repo.approversFor(idOf("E003"), "department_head");
    ASSERT_TRUE(heads);
    ASSERT_EQ(heads->size(), 1u);
    EXPECT_EQ(heads->front().number, "E002");
    // E002 heads RECORDS; their own request goes to the nearest head above: none in BUREAU.
    EXPECT_TRUE(repo.approversFor(idOf("E002"), "department_head")->empty());
    auto leaders = repo.approversFor(idOf("E003"), "bureau_leadership");
    ASSERT_EQ(leaders->size(), 1u);
    EXPECT_EQ(leaders->front().number, "E001");
    EXPECT_EQ(repo.approversFor(idOf("E003"), "hr")->front().number, "E004");
    EXPECT_FALSE(repo.approversFor(idOf("E003"), "janitor"));
}
