#pragma once

#include <cstdint>
#include <string_view>

namespace hk {

// SW3, the status byte of every SAM_A response (reference/device-protocols.md §1.4, after the
// JNISDTReader and HslCommunication tables). SW1 and SW2 are 00 00 in every response seen.
enum class SamStatus : std::uint8_t {
    Ok = 0x90,                      // 操作成功
    NoSuchContent = 0x91,           // 居民身份证中无此项内容
    CardFound = 0x9F,               // 寻找居民身份证成功
    ChecksumError = 0x10,           // 接收业务终端数据的校验和错
    LengthError = 0x11,             // 接收业务终端数据的长度错
    CommandError = 0x21,            // 接收业务终端的命令错误
    NotPermitted = 0x23,            // 越权操作
    UnrecognisedError = 0x24,       // 无法识别的错误
    CardAuthenticationFailed = 0x31, // 居民身份证认证SAM_A失败
    SamAuthenticationFailed = 0x32,  // SAM_A认证居民身份证失败
    VerificationFailed = 0x33,       // 信息验证失败
    FingerprintVerificationFailed = 0x37, // 指纹信息验证错误
    InformationLengthError = 0x3F,   // 信息长度错误
    UnknownCardType = 0x40,          // 无法识别的居民身份证类型
    ReadFailed = 0x41,               // 读居民身份证操作失败
    RandomNumberFailed = 0x47,       // 取随机数失败
    SelfTestFailed = 0x60,           // SAM_A自检失败，不能接收命令
    NotAuthorised = 0x66,            // SAM_A没经过授权，无法使用
    CardNotFound = 0x80,             // 寻找居民身份证失败
    SelectFailed = 0x81,             // 选取居民身份证失败
    Unknown = 0x00,                  // any other byte: not in the table
};

// The status for an SW3 byte; Unknown for a byte the table does not list.
SamStatus samStatusFromByte(std::uint8_t sw3);
// The table's own words (Chinese, for technicians and the log) and a short English name.
std::string_view samStatusText(SamStatus status);
std::string_view samStatusName(SamStatus status);

// What a status means to the host, so each one maps to one typed result.
enum class SamStatusClass {
    Success,     // 90, 9F
    NoCard,      // 80: nothing on the reader (or the card that is there was read already)
    CardProblem, // the card could not be selected, authenticated, read or recognised: try again
    HostError,   // the reader did not understand us (checksum, length, command)
    ModuleFault, // the SAM_A itself cannot work (self-test, authorisation): a technician's job
};
SamStatusClass classOf(SamStatus status);

} // namespace hk
