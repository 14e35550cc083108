#include "drivers/protocols/sam_idcard/sam_status.h"

namespace hk {

SamStatus samStatusFromByte(std::uint8_t sw3)
{
    switch (sw3) {
    case 0x90:
    case 0x91:
    case 0x9F:
    case 0x10:
    case 0x11:
    case 0x21:
    case 0x23:
    case 0x24:
    case 0x31:
    case 0x32:
    case 0x33:
    case 0x37:
    case 0x3F:
    case 0x40:
    case 0x41:
    case 0x47:
    case 0x60:
    case 0x66:
    case 0x80:
    case 0x81:
        return static_cast<SamStatus>(sw3);
    default:
        return SamStatus::Unknown;
    }
}

std::string_view samStatusText(SamStatus status)
{
    switch (status) {
    case SamStatus::Ok:
        return "操作成功";
    case SamStatus::NoSuchContent:
        return "居民身份证中无此项内容";
    case SamStatus::CardFound:
        return "寻找居民身份证成功";
    case SamStatus::ChecksumError:
        return "接收业务终端数据的校验和错";
    case SamStatus::LengthError:
        return "接收业务终端数据的长度错";
    case SamStatus::CommandError:
        return "接收业务终端的命令错误";
    case SamStatus::NotPermitted:
        return "越权操作";
    case SamStatus::UnrecognisedError:
        return "无法识别的错误";
    case SamStatus::CardAuthenticationFailed:
        return "居民身份证认证SAM_A失败";
    case SamStatus::SamAuthenticationFailed:
        return "SAM_A认证居民身份证失败";
    case SamStatus::VerificationFailed:
        return "信息验证失败";
    case SamStatus::FingerprintVerificationFailed:
        return "指纹信息验证错误";
    case SamStatus::InformationLengthError:
        return "信息长度错误";
    case SamStatus::UnknownCardType:
        return "无法识别的居民身份证类型";
    case SamStatus::ReadFailed:
        return "读居民身份证操作失败";
    case SamStatus::RandomNumberFailed:
        return "取随机数失败";
    case SamStatus::SelfTestFailed:
        return "SAM_A自检失败，不能接收命令";
    case SamStatus::NotAuthorised:
        return "SAM_A没经过授权，无法使用";
    case SamStatus::CardNotFound:
        return "寻找居民身份证失败";
    case SamStatus::SelectFailed:
        return "选取居民身份证失败";
    case SamStatus::Unknown:
        break;
    }
    return "未知状态";
}

std::string_view samStatusName(SamStatus status)
{
    switch (status) {
    case SamStatus::Ok:
        return "ok";
    case SamStatus::NoSuchContent:
        return "no such content";
    case SamStatus::CardFound:
        return "card found";
    case SamStatus::ChecksumError:
        return "checksum error";
    case SamStatus::LengthError:
        return "length error";
    case SamStatus::CommandError:
        return "command error";
    case SamStatus::NotPermitted:
        return "not permitted";
    case SamStatus::UnrecognisedError:
        return "unrecognised error";
    case SamStatus::CardAuthenticationFailed:
        return "card authentication of the SAM failed";
    case SamStatus::SamAuthenticationFailed:
        return "SAM authentication of the card failed";
    case SamStatus::VerificationFailed:
        return "verification failed";
    case SamStatus::FingerprintVerificationFailed:
        return "fingerprint verification failed";
    case SamStatus::InformationLengthError:
        return "information length error";
    case SamStatus::UnknownCardType:
        return "unknown card type";
    case SamStatus::ReadFailed:
        return "read failed";
    case SamStatus::RandomNumberFailed:
        return "random number failed";
    case SamStatus::SelfTestFailed:
        return "SAM self-test failed";
    case SamStatus::NotAuthorised:
        return "SAM not authorised";
    case SamStatus::CardNotFound:
        return "card not found";
    case SamStatus::SelectFailed:
        return "select failed";
    case SamStatus::Unknown:
        break;
    }
    return "unknown status";
}

SamStatusClass classOf(SamStatus status)
{
    switch (status) {
    case SamStatus::Ok:
    case SamStatus::CardFound:
        return SamStatusClass::Success;
    case SamStatus::CardNotFound:
        return SamStatusClass::NoCard;
    case SamStatus::NoSuchContent:
    case SamStatus::CardAuthenticationFailed:
    case SamStatus::SamAuthenticationFailed:
    case SamStatus::VerificationFailed:
    case SamStatus::FingerprintVerificationFailed:
    case SamStatus::InformationLengthError:
    case SamStatus::UnknownCardType:
    case SamStatus::ReadFailed:
    case SamStatus::RandomNumberFailed:
    case SamStatus::SelectFailed:
        return SamStatusClass::CardProblem;
    case SamStatus::ChecksumError:
    case SamStatus::LengthError:
    case SamStatus::CommandError:
    case SamStatus::NotPermitted:
    case SamStatus::UnrecognisedError:
    case SamStatus::Unknown:
        return SamStatusClass::HostError;
    case SamStatus::SelfTestFailed:
    case SamStatus::NotAuthorised:
        return SamStatusClass::ModuleFault;
    }
    return SamStatusClass::HostError;
}

} // namespace hk
