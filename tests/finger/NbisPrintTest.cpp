#include <fprint.h>
#include <gtest/gtest.h>

#include "rollcall/finger/NbisPrint.hpp"

using namespace rollcall::finger;

namespace {

PrintMinutiae sample() {
    return PrintMinutiae{{{{10, 20, 45}, {100, 120, -90}, {200, 30, 180}}, {{11, 21, 44}, {150, 160, 0}}}};
}

TEST(NbisPrint, BuiltPrintParsesBackUnchanged) {
    const Blob blob = buildNbisPrint(sample(), "virtual_image", "0", Finger::LeftMiddle);
    auto info = parseNbisPrint(blob);
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->driver, "virtual_image");
    EXPECT_EQ(info->finger, Finger::LeftMiddle);
    ASSERT_EQ(info->minutiae.images.size(), 2U);
    EXPECT_EQ(info->minutiae.images[0], sample().images[0]);
    EXPECT_EQ(info->minutiae.images[1], sample().images[1]);
}

TEST(NbisPrint, LibfprintReadsWhatRollcallWritesAndWritesWhatRollcallReads) {
    const Blob blob = buildNbisPrint(sample(), "virtual_image", "0", Finger::RightIndex);
    GError* error = nullptr;
    FpPrint* print = fp_print_deserialize(blob.data(), blob.size(), &error);
    ASSERT_NE(print, nullptr) << (error ? error->message : "");
    EXPECT_EQ(fp_print_get_finger(print), FP_FINGER_RIGHT_INDEX);
    EXPECT_STREQ(fp_print_get_driver(print), "virtual_image");
    guchar* data = nullptr;
    gsize length = 0;
    ASSERT_TRUE(fp_print_serialize(print, &data, &length, &error));
    auto info = parseNbisPrint(Blob(data, data + length));
    g_free(data);
    g_object_unref(print);
    ASSERT_TRUE(info) << info.error().message;
    EXPECT_EQ(info->minutiae.images[1], sample().images[1]);
}

TEST(NbisPrint, RejectsWhatIsNotAPrint) {
    EXPECT_EQ(parseNbisPrint(Blob{}).error().code, "finger.print_invalid");
    EXPECT_EQ(parseNbisPrint(Blob{'X', 'Y', 'Z', 1}).error().code, "finger.print_invalid");
    Blob truncated = buildNbisPrint(sample(), "virtual_image", "0");
    truncated.resize(truncated.size() / 2);
    auto parsed = parseNbisPrint(truncated);
    // A truncated GVariant reads as default values, never out of bounds: no minutiae survive.
    EXPECT_TRUE(!parsed || parsed->minutiae.images.empty() || parsed->minutiae.images != sample().images);
}

TEST(NbisPrint, RawPrintsFromMatchOnChipDevicesAreNotNbis) {
    GVariantBuilder builder;
    g_variant_builder_init(&builder, G_VARIANT_TYPE("(issbymsmsia{sv}v)"));
    g_variant_builder_add(&builder, "i", 1);  // FPI_PRINT_RAW
    g_variant_builder_add(&builder, "s", "virtual_device_storage");
    g_variant_builder_add(&builder, "s", "0");
    g_variant_builder_add(&builder, "b", TRUE);
    g_variant_builder_add(&builder, "y", 7);
    g_variant_builder_add(&builder, "ms", nullptr);
    g_variant_builder_add(&builder, "ms", nullptr);
    g_variant_builder_add(&builder, "i", 0);
    g_variant_builder_open(&builder, G_VARIANT_TYPE_VARDICT);
    g_variant_builder_close(&builder);
    g_variant_builder_add(&builder, "v", g_variant_new_variant(g_variant_new_string("alice")));
    GVariant* value = g_variant_ref_sink(g_variant_builder_end(&builder));
    Blob blob(3 + g_variant_get_size(value));
    blob[0] = 'F';
    blob[1] = 'P';
    blob[2] = '3';
    g_variant_get_data(value);
    g_variant_store(value, blob.data() + 3);
    g_variant_unref(value);
    EXPECT_EQ(parseNbisPrint(blob).error().code, "finger.print_not_nbis");
}

}  // namespace
