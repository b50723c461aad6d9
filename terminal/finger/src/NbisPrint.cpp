#include "rollcall/finger/NbisPrint.hpp"

#include <glib.h>

#include <cstring>
#include <memory>

namespace rollcall::finger {
namespace {

// libfprint's serialised print: "FP3" then this GVariant (fpi-print.h FPI_PRINT_VARIANT_TYPE).
constexpr const char* kPrintType = "(issbymsmsia{sv}v)";
constexpr const char* kNbisType = "(a(aiaiai))";
constexpr std::int32_t kPrintTypeNbis = 2;  // FPI_PRINT_NBIS
constexpr std::size_t kMaxMinutiaePerImage = 200;  // NBIS MAX_BOZORTH_MINUTIAE

struct VariantUnref {
    void operator()(GVariant* v) const { g_variant_unref(v); }
};
using VariantPtr = std::unique_ptr<GVariant, VariantUnref>;

std::unexpected<Error> invalid(const char* why) {
    return fail("finger.print_invalid", std::string("not a serialised libfprint print: ") + why);
}

}  // namespace

Result<NbisPrintInfo> parseNbisPrint(std::span<const std::uint8_t> blob) {
    if (blob.size() <= 3 || std::memcmp(blob.data(), "FP3", 3) != 0) return invalid("no FP3 header");
    // The copy gives GVariant the alignment it needs; untrusted data is checked as it is read.
    GBytes* bytes = g_bytes_new(blob.data() + 3, blob.size() - 3);
    VariantPtr raw(g_variant_ref_sink(g_variant_new_from_bytes(G_VARIANT_TYPE(kPrintType), bytes, FALSE)));
    g_bytes_unref(bytes);
    VariantPtr value(G_BYTE_ORDER == G_BIG_ENDIAN ? g_variant_byteswap(raw.get()) : g_variant_get_normal_form(raw.get()));

    NbisPrintInfo info;
    gint32 type = 0;
    const gchar* driver = nullptr;
    const gchar* deviceId = nullptr;
    gboolean stored = FALSE;
    guint8 finger = 0;
    gchar* username = nullptr;
    gchar* description = nullptr;
    gint32 julian = 0;
    GVariant* data = nullptr;
    g_variant_get(value.get(), "(i&s&sbymsmsi@a{sv}v)", &type, &driver, &deviceId, &stored, &finger, &username,
                  &description, &julian, nullptr, &data);
    g_free(username);
    g_free(description);
    VariantPtr payload(data);
    info.driver = driver;
    info.deviceId = deviceId;
    info.finger = finger <= 10 ? static_cast<Finger>(finger) : Finger::Unknown;
    if (type != kPrintTypeNbis) {
        return fail("finger.print_not_nbis", "the print holds no minutiae (the device matches on its own)");
    }
    if (!g_variant_is_of_type(payload.get(), G_VARIANT_TYPE(kNbisType))) return invalid("NBIS data of the wrong type");

    VariantPtr images(g_variant_get_child_value(payload.get(), 0));
    const gsize count = g_variant_n_children(images.get());
    for (gsize i = 0; i < count; ++i) {
        VariantPtr xyt(g_variant_get_child_value(images.get(), i));
        VariantPtr xs(g_variant_get_child_value(xyt.get(), 0));
        VariantPtr ys(g_variant_get_child_value(xyt.get(), 1));
        VariantPtr ts(g_variant_get_child_value(xyt.get(), 2));
        gsize nx = 0, ny = 0, nt = 0;
        const auto* x = static_cast<const gint32*>(g_variant_get_fixed_array(xs.get(), &nx, sizeof(gint32)));
        const auto* y = static_cast<const gint32*>(g_variant_get_fixed_array(ys.get(), &ny, sizeof(gint32)));
        const auto* t = static_cast<const gint32*>(g_variant_get_fixed_array(ts.get(), &nt, sizeof(gint32)));
        if (nx != ny || nx != nt) return invalid("x, y and theta differ in length");
        if (nx > kMaxMinutiaePerImage) return invalid("more minutiae than NBIS allows");
        MinutiaeImage image;
        image.reserve(nx);
        for (gsize k = 0; k < nx; ++k) image.push_back({x[k], y[k], t[k]});
        info.minutiae.images.push_back(std::move(image));
    }
    return info;
}

Blob buildNbisPrint(const PrintMinutiae& minutiae, std::string_view driver, std::string_view deviceId, Finger finger) {
    GVariantBuilder nested;
    g_variant_builder_init(&nested, G_VARIANT_TYPE(kNbisType));
    g_variant_builder_open(&nested, G_VARIANT_TYPE("a(aiaiai)"));
    for (const auto& image : minutiae.images) {
        std::vector<gint32> xs, ys, ts;
        for (const auto& m : image) {
            xs.push_back(m.x);
            ys.push_back(m.y);
            ts.push_back(m.theta);
        }
        g_variant_builder_open(&nested, G_VARIANT_TYPE("(aiaiai)"));
        g_variant_builder_add_value(&nested, g_variant_new_fixed_array(G_VARIANT_TYPE_INT32, xs.data(), xs.size(), sizeof(gint32)));
        g_variant_builder_add_value(&nested, g_variant_new_fixed_array(G_VARIANT_TYPE_INT32, ys.data(), ys.size(), sizeof(gint32)));
        g_variant_builder_add_value(&nested, g_variant_new_fixed_array(G_VARIANT_TYPE_INT32, ts.data(), ts.size(), sizeof(gint32)));
        g_variant_builder_close(&nested);
    }
    g_variant_builder_close(&nested);

    const std::string driverText(driver), deviceText(deviceId);
    GVariantBuilder builder;
    g_variant_builder_init(&builder, G_VARIANT_TYPE(kPrintType));
    g_variant_builder_add(&builder, "i", kPrintTypeNbis);
    g_variant_builder_add(&builder, "s", driverText.c_str());
    g_variant_builder_add(&builder, "s", deviceText.c_str());
    g_variant_builder_add(&builder, "b", FALSE);
    g_variant_builder_add(&builder, "y", static_cast<guint8>(finger));
    g_variant_builder_add(&builder, "ms", nullptr);
    g_variant_builder_add(&builder, "ms", nullptr);
    g_variant_builder_add(&builder, "i", G_MININT32);
    g_variant_builder_open(&builder, G_VARIANT_TYPE_VARDICT);
    g_variant_builder_close(&builder);
    g_variant_builder_add(&builder, "v", g_variant_builder_end(&nested));
    VariantPtr result(g_variant_ref_sink(g_variant_builder_end(&builder)));
    if (G_BYTE_ORDER == G_BIG_ENDIAN) result.reset(g_variant_byteswap(result.get()));

    Blob out(3 + g_variant_get_size(result.get()));
    out[0] = 'F';
    out[1] = 'P';
    out[2] = '3';
    // Serialise in GVariant's own aligned buffer first; storing at the unaligned +3 is then a copy.
    g_variant_get_data(result.get());
    g_variant_store(result.get(), out.data() + 3);
    return out;
}

}  // namespace rollcall::finger
