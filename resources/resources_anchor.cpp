// The resource library needs one translation unit of its own; the data lives in the .qrc output.
namespace hk {
int resourcesAnchor = 0;
}
