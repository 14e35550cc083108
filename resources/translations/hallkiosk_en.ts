<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>BookingText</name>
    <message numerus="yes">
        <location filename="../../ui/kiosk/booking_messages.cpp" line="+16"/>
        <source>%n小时</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n分钟</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>这个时段已约满</source>
        <translation>This time is fully booked</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>刚刚有人约走了最后的名额，请选其他时段。</source>
        <translation>Someone has just taken the last place. Please choose another time.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您已约过这个时段</source>
        <translation>You have already booked this time</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>同一个时段只能约一次，请选其他时段。</source>
        <translation>You can book a time only once. Please choose another time.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>这一天您已约满%n次</source>
        <translation>
            <numerusform>You already have %n booking on this day</numerusform>
            <numerusform>You already have %n bookings on this day</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>同一个人一天最多预约%n次，请选其他日期。</source>
        <translation>
            <numerusform>One person can make at most %n booking a day. Please choose another day.</numerusform>
            <numerusform>One person can make at most %n bookings a day. Please choose another day.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本月暂时不能预约</source>
        <translation>You cannot book this month</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>本月已有%n次预约没来也没取消（爽约），本月不能再预约，下月1日恢复。今天可以现场取号办理。</source>
        <translation>
            <numerusform>This month %n booking was neither used nor cancelled (a no-show), so you cannot book again this month. Booking opens again on the 1st of next month. You can take a ticket today and be served.</numerusform>
            <numerusform>This month %n bookings were neither used nor cancelled (no-shows), so you cannot book again this month. Booking opens again on the 1st of next month. You can take a ticket today and be served.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这个时段太近了</source>
        <translation>This time is too soon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>在本机预约，要比时段开始早%1以上，请选更晚的时段。</source>
        <translation>At this terminal you must book at least %1 before the time starts. Please choose a later time.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这一天不办公</source>
        <translation>The hall is closed on this day</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>这一天大厅不开门或这个时段不办理，请选其他日期。</source>
        <translation>The hall is closed on this day or does not serve at this time. Please choose another day.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>预约平台没有接受</source>
        <translation>The booking service did not accept it</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请按“帮办”请工作人员帮您，或到咨询台人工预约。</source>
        <translation>Please press &quot;Help&quot; for a staff member, or book at the information desk.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>离开始不到%1，不能取消</source>
        <translation>Less than %1 to go: it cannot be cancelled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约要在时段开始%1前取消。来不了也没关系，请尽早告诉工作人员（按“帮办”）。</source>
        <translation>A booking must be cancelled %1 before its time starts. If you cannot come, please tell a staff member as soon as you can (press &quot;Help&quot;).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取消预约</source>
        <translation>cancel a booking</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预约</source>
        <translation>book</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>本机现在连不上统一预约平台，暂时不能%1。您还可以：</source>
        <translation>This terminal cannot reach the booking service now, so you cannot %1 here. You can also:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
· 打预约电话 %1（工作日）</source>
        <translation>
· call %1 (working days)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
· 用“随申办”APP、小程序或“一网通办”网站%1</source>
        <translation>
· %1 in the &quot;Suishenban&quot; app, its mini program or on the &quot;One Network&quot; website</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
· 到咨询台或窗口请工作人员帮您%1</source>
        <translation>
· ask staff at the information desk or a window to %1 for you</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1需要联网</source>
        <translation>You cannot %1 without the network</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>没有收到预约平台的答复</source>
        <translation>No answer from the booking service</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您的预约可能已经办成，也可能没有。请点“再试一次”：不会重复预约。</source>
        <translation>Your booking may or may not have been made. Please tap &quot;Try again&quot;: it will not book twice.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>取消没有办成</source>
        <translation>The booking was not cancelled</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预约没有办成</source>
        <translation>The booking was not made</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约平台的答复有问题。请按“帮办”请工作人员帮您，或到咨询台人工办理。</source>
        <translation>The booking service gave an answer we cannot use. Please press &quot;Help&quot; for a staff member, or go to the information desk.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请先输入手机号码</source>
        <translation>Please enter your mobile number first</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>手机号码是11位，您输入了%n位，请检查</source>
        <translation>
            <numerusform>A mobile number has 11 digits; you entered %n. Please check</numerusform>
            <numerusform>A mobile number has 11 digits; you entered %n. Please check</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这不是手机号码：手机号码以13到19开头，请检查</source>
        <translation>This is not a mobile number: mobile numbers start with 13 to 19. Please check</translation>
    </message>
</context>
<context>
    <name>CitizenDate</name>
    <message>
        <location filename="../../ui/kiosk/home_view.cpp" line="+48"/>
        <source>zh_CN</source>
        <comment>the locale whose month and weekday names dates use</comment>
        <translation>en_GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yyyy年M月d日 dddd</source>
        <comment>QDate format: a date with its year and weekday</comment>
        <translation>ddd d MMM yyyy</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>M月d日 dddd</source>
        <comment>QDate format: a date and its weekday</comment>
        <translation>ddd d MMM</translation>
    </message>
</context>
<context>
    <name>GuideText</name>
    <message>
        <location filename="../../app/services/guide/guide_service.cpp" line="+79"/>
        <source>办事材料清单（一次性告知）</source>
        <translation>What to bring: materials list</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事项：%1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>分组：%1</source>
        <translation>Group: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请带齐以下材料：</source>
        <translation>Please bring all of these:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>无需材料，请咨询窗口</source>
        <translation>No materials needed; please ask at a window</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>可预约，预约后到场优先办理</source>
        <translation>Can be booked; with a booking you are served first</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>地址：%1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>打印日期：%1</source>
        <translation>Printed on: %1</translation>
    </message>
</context>
<context>
    <name>KioskText</name>
    <message>
        <location filename="../../ui/kiosk/kiosk_messages.cpp" line="+16"/>
        <source>请按下方“帮办”呼叫工作人员，或到服务台取号。</source>
        <translation>Press &quot;Help&quot; below for staff, or get a ticket at the service desk.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机缺纸，暂时无法取号</source>
        <translation>Out of paper: no tickets for now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机仓门未关好，暂时无法取号</source>
        <translation>Printer cover open: no tickets for now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机切纸故障，暂时无法取号</source>
        <translation>Printer cannot cut: no tickets for now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机故障，暂时无法取号</source>
        <translation>Printer fault: no tickets for now</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>打印机未连接或无响应，暂时无法取号</source>
        <translation>Printer not answering: no tickets for now</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>打印机缺纸。</source>
        <translation>The printer is out of paper.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机仓门打开。</source>
        <translation>The printer cover is open.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机出现故障。</source>
        <translation>The printer has a fault.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+31"/>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>明天（%1）</source>
        <translation>Tomorrow (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>需要帮助请按下方“帮办”。</source>
        <translation>For help, press &quot;Help&quot; below.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>也可以在首页选择业务现场取号。</source>
        <translation> You can also take a ticket on the home screen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>这不是预约二维码</source>
        <translation>This is not a booking QR code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请扫描预约成功后收到的预约二维码，或把身份证放在读卡区。</source>
        <translation>Please scan the booking QR code you received when you booked, or place your ID card on the reader.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预约二维码无效</source>
        <translation>The booking QR code is not valid</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个二维码不是本中心签发的，或者不完整，不能签到。请在手机上重新打开预约二维码再扫一次，或把身份证放在读卡区。</source>
        <translation>This QR code was not issued by this center, or it is incomplete, so you cannot check in with it. Please open the booking QR code on your phone again and scan it once more, or place your ID card on the reader. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>暂时不能用二维码签到</source>
        <translation>You cannot check in with a QR code right now</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请把身份证放在读卡区签到。</source>
        <translation>Please place your ID card on the reader to check in. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这不是本中心的预约</source>
        <translation>This booking is not for this center</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>您预约的是其他政务服务中心，请到预约的中心办理。</source>
        <translation>You booked at another service center. Please go to that center.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这个预约已经取消</source>
        <translation>This booking has been cancelled</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已取消的预约不能签到。</source>
        <translation>You cannot check in with a cancelled booking.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您的预约不是今天</source>
        <translation>Your booking is not for today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您预约的是%1，请当天再来签到。</source>
        <translation>Your booking is for %1. Please come back on that day to check in.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请在预约的那一天再来签到。</source>
        <translation>Please come back on the day of your booking to check in.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>还没到签到时间</source>
        <translation>It is too early to check in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约时段开始前2小时起可以签到，请稍后再来。</source>
        <translation>You can check in from 2 hours before your booked time. Please come back later.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请在 %1 以后再来签到（预约时段开始前2小时起可以签到）。</source>
        <translation>Please come back to check in after %1 (check-in opens 2 hours before your booked time).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已超过预约时间</source>
        <translation>Your booked time has passed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约时段开始30分钟后还没有签到，这次预约已作废（视为主动放弃）。</source>
        <translation>You did not check in within 30 minutes of your booked time, so this booking has lapsed (as if you gave it up).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您可以点下面的按钮改取现场号。</source>
        <translation> You can tap the button below to take a walk-in ticket instead.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预约二维码已过期</source>
        <translation>The booking QR code has expired</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请在手机上刷新预约二维码再扫，或把身份证放在读卡区签到。</source>
        <translation>Please refresh the booking QR code on your phone and scan it again, or place your ID card on the reader to check in.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您已经签到过了</source>
        <translation>You have already checked in</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请留意大厅屏幕和语音叫号。</source>
        <translation>Please watch the hall screens and listen for your number. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本机不能办理这个预约</source>
        <translation>This terminal cannot handle this booking</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>您预约的事项本机暂时不能出号。</source>
        <translation>This terminal cannot issue a ticket for the service you booked right now. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有查到您今天的预约</source>
        <translation>No booking for you today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如果您用别人的身份证预约，请扫描预约二维码。</source>
        <translation>If you booked with someone else&apos;s ID card, please scan the booking QR code.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>暂时不能用身份证签到</source>
        <translation>You cannot check in with an ID card right now</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+7"/>
        <location line="+2"/>
        <source>请扫描预约二维码签到。</source>
        <translation>Please scan the booking QR code to check in. </translation>
    </message>
    <message>
        <location line="-7"/>
        <source>身份证没有读出来</source>
        <translation>The ID card could not be read</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请把身份证平放在读卡区，不要移动，等一两秒。</source>
        <translation>Please lay your ID card flat on the reader, keep it still and wait a second or two.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这张证件本机不能识别</source>
        <translation>This terminal does not recognise this card</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请使用居民身份证、港澳台居民居住证或外国人永久居留身份证，或扫描预约二维码。</source>
        <translation>Please use a resident ID card, a residence permit for Hong Kong, Macao or Taiwan residents, or a foreigner&apos;s permanent residence ID card, or scan the booking QR code.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>证件信息没有通过校验</source>
        <translation>The card&apos;s details did not pass the check</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>读卡器暂时不能使用</source>
        <translation>The card reader is not working right now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>没有扫清楚</source>
        <translation>The code was not read clearly</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请把二维码对准扫描口，保持不动，再扫一次。</source>
        <translation>Please hold the QR code in front of the scanner, keep it still and scan again.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>系统故障，暂时无法签到</source>
        <translation>System fault: check-in is not possible right now</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请按“帮办”呼叫工作人员，或到服务台办理。</source>
        <translation>Please press &quot;Help&quot; to call a staff member, or go to the service desk.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>今天 %1</source>
        <translation>today at %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>明天（%1）%2</source>
        <translation>tomorrow (%1) at %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>现在不是取号时间</source>
        <translation>Tickets are not being issued now</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>本中心暂停对外服务。请按“帮办”咨询工作人员。</source>
        <translation>This center is not serving the public at the moment. Please press &quot;Help&quot; to ask a staff member.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下次取号时间：%1 起。</source>
        <translation>Tickets are issued again from %1.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>“%1”现在办事的人多，大约要等 %n 分钟。请您耐心等候，谢谢理解。</source>
        <translation>
            <numerusform>&quot;%1&quot; is busy now: the wait is about %n minute. Thank you for your patience.</numerusform>
            <numerusform>&quot;%1&quot; is busy now: the wait is about %n minutes. Thank you for your patience.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1现在办事的人多，请您耐心等候，谢谢理解。</source>
        <translation>%1 are busy now. Thanks for waiting.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>现在只办理预约业务</source>
        <translation>Only booked visits are served now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个时段只为已预约的群众办理：有预约请扫预约码或放身份证。现场取号从%1开始。</source>
        <translation>At this hour only people with a booking are served: if you booked, scan your booking code or place your ID card. Walk-in tickets start %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这个时段只为已预约的群众办理：有预约请扫预约码或放身份证。</source>
        <translation>At this hour only people with a booking are served: if you booked, scan your booking code or place your ID card.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这项业务周末不办理</source>
        <translation>This service is not offered at weekends</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周末只办理部分业务。这项业务请在工作日来办，%1起可以取号。</source>
        <translation>Only some services are offered at weekends. Please come on a working day for this one; tickets from %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>周末只办理部分业务。这项业务请在工作日来办。</source>
        <translation>Only some services are offered at weekends. Please come on a working day for this one.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>该业务暂不能取号</source>
        <translation>No tickets for this service right now</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请返回首页重新选择，或按“帮办”呼叫工作人员。</source>
        <translation>Please go back to home and choose again, or press &quot;Help&quot; to call a staff member.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>该业务今日号已取完</source>
        <translation>All of today&apos;s tickets for this service are taken</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请明天再来，或按“帮办”咨询工作人员。</source>
        <translation>Please come back tomorrow, or press &quot;Help&quot; to ask a staff member.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>系统故障，暂时无法取号</source>
        <translation>System fault: no tickets right now</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+42"/>
        <source>请按“帮办”呼叫工作人员，或到服务台取号。</source>
        <translation>Please press &quot;Help&quot; to call a staff member, or get a ticket at the service desk.</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>这个预约刚刚有了变化</source>
        <translation>This booking has just changed</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请再扫一次预约二维码；仍不行请按“帮办”呼叫工作人员。</source>
        <translation>Please scan the booking QR code again; if that does not work, press &quot;Help&quot; to call a staff member.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1暂时不能补打，请稍后再试或请工作人员帮助。</source>
        <translation>%1 It cannot be reprinted right now. Please try again later or ask a staff member.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>补打也没有成功。号码仍然有效，请凭号码或照片办理，或请工作人员补打。</source>
        <translation>The reprint failed too. Your number is still valid: show it or a photo, or ask staff to reprint it.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>本机不能再补打。号码仍然有效，请凭号码或照片办理，或请工作人员补打。</source>
        <translation>No more reprints here. Your number is still valid: show it or a photo, or ask staff to reprint it.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在出票，请稍候……</source>
        <translation>Printing your ticket, please wait…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请在下方出票口取票</source>
        <translation>Please take your ticket from the slot below</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已通知工作人员</source>
        <translation>A staff member has been called</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请在此稍候，工作人员会尽快到您身边帮您办理。</source>
        <translation>Please wait here; a staff member will come to help you as soon as possible.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>呼叫没有发出</source>
        <translation>The call did not go through</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请到服务台或向大厅工作人员求助。</source>
        <translation>Please go to the service desk or ask any staff member in the hall.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>本机暂不提供取号</source>
        <translation>This terminal does not issue tickets</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>已预约的市民：请扫描预约二维码，或把身份证放在读卡区签到</source>
        <translation>Booked? Scan your booking code or put your ID card on the reader</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已预约的市民：请扫描预约二维码签到</source>
        <translation>Booked? Scan your booking QR code to check in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>已预约的市民：请把身份证放在读卡区签到</source>
        <translation>Booked? Place your ID card on the reader to check in</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>改取现场号（%1）</source>
        <translation>Take a walk-in ticket (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办理难度：一般事项，材料齐全当场可办</source>
        <translation>Simple: done on the spot if you bring all</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理难度：较复杂，窗口审核需要多一些时间</source>
        <translation>More complex: checking takes longer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>办理难度：特殊事项，建议先预约或到咨询台问清楚</source>
        <translation>Special: book first or ask at the desk</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>可以预约：在本机“预约”或网上预约，到场签到后优先办理</source>
        <translation>Bookable: &quot;Book&quot; here or online; booked visits go first</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>不需预约：来大厅现场取号即可办理</source>
        <translation>No booking needed: take a ticket in the hall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>；周末也可办理</source>
        <translation>; open at weekends too</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>材料清单已打印，请在出票口取走</source>
        <translation>The list is printed: please take it from the ticket slot</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>打印机缺纸</source>
        <translation>Out of paper</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机仓门打开</source>
        <translation>Printer cover open</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机没有连接</source>
        <translation>Printer not connected</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>打印机正在出票，请稍等几秒再按一次。</source>
        <translation>The printer is busy with a ticket. Please wait a few seconds and press again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>打印机出现故障</source>
        <translation>Printer fault</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1，没有打印出来。可拍照记下清单，或按“帮办”。</source>
        <translation>%1: not printed. Photograph the list, or press &quot;Help&quot;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>已重新排队。</source>
        <translation>You are back in the queue. </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>下一位就是您</source>
        <translation>You are next</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请留意叫号屏和广播，不要走远。</source>
        <translation>Please watch the screens and listen for your number; stay close.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>前面还有 %n 人</source>
        <translation>
            <numerusform>%n person ahead of you</numerusform>
            <numerusform>%n people ahead of you</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>还没有叫到您，请在等候区留意叫号屏和广播。预约市民可能优先。</source>
        <translation>You have not been called yet. Please wait in the waiting area and watch the screens. People with bookings may go first.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>正在等候叫号</source>
        <translation>Waiting to be called</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请在等候区留意叫号屏和广播。</source>
        <translation>Please wait in the waiting area and watch the screens.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已叫号，请到 %1</source>
        <translation>Called: go to %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请马上到 %1 办理，过号需要重新排队。</source>
        <translation>Please go to %1 now; if you miss your turn you must queue again.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>正在 %1 办理</source>
        <translation>Being served at %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>您的业务正在窗口办理中。</source>
        <translation>Your matter is being handled at the window.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+2"/>
        <source>已过号</source>
        <translation>Your turn has passed</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>叫号时您不在。%1 前可以点“重新排队”，排回本组队伍靠前的位置。</source>
        <translation>You were not there when called. Until %1 you can tap &quot;Queue again&quot; to go back near the front of your queue.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+39"/>
        <source>过号已超过 30 分钟，不能重新排队了。请回首页重新取号。</source>
        <translation>It is more than 30 minutes since your turn, so you cannot queue again. Please take a new ticket on the home screen.</translation>
    </message>
    <message>
        <location line="-25"/>
        <source>查不到这张票</source>
        <translation>This ticket cannot be found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>这个二维码不是本大厅打出的排队票，或者已经损坏。请扫描票上的二维码，或按“帮办”请工作人员帮忙。</source>
        <translation>This QR code is not from a ticket printed in this hall, or it is damaged. Please scan the QR code on your ticket, or press &quot;Help&quot; for a staff member.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这不是本大厅的票</source>
        <translation>This ticket is not from this hall</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>这张票是其他服务中心打出的，这里查不到。请在本大厅取号。</source>
        <translation>This ticket was printed at another service center and cannot be looked up here. Please take a ticket in this hall.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这是以前的票</source>
        <translation>This is an old ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1号是 %2 的票，已经作废。今天办理请回首页重新取号。</source>
        <translation>Number %1 was a ticket for %2 and is no longer valid. To be served today, please take a new ticket on the home screen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>其他日期</source>
        <translation>another day</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这张票已办结</source>
        <translation>This ticket is finished</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1号的业务已经办理完成。还要办别的事，请回首页重新取号。</source>
        <translation>Number %1 has been served. For anything else, please take a new ticket on the home screen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这张票已失效</source>
        <translation>This ticket is no longer valid</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1号已经失效。请回首页重新取号。</source>
        <translation>Number %1 is no longer valid. Please take a new ticket on the home screen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>不能重新排队</source>
        <translation>Cannot queue again</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>暂时查不到</source>
        <translation>Cannot look it up right now</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>系统暂时出了问题，请稍后再扫一次，或按“帮办”请工作人员帮忙。</source>
        <translation>The system has a problem. Please scan again later, or press &quot;Help&quot; for a staff member.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>这张票已经在队伍里了，不用再排。</source>
        <translation>This ticket is already in the queue; no need to queue again.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>没能重新排队：系统暂时出了问题。请按“帮办”请工作人员帮忙。</source>
        <translation>Could not queue again: the system has a problem. Please press &quot;Help&quot; for a staff member.</translation>
    </message>
</context>
<context>
    <name>LookupText</name>
    <message>
        <location filename="../../app/services/ticket/ticket_lookup_service.cpp" line="+135"/>
        <source>%1号窗口</source>
        <translation>Window %1</translation>
    </message>
</context>
<context>
    <name>SlipText</name>
    <message>
        <location filename="../../app/services/booking/booking_slip_composer.cpp" line="+21"/>
        <source>预约已取消</source>
        <translation>Booking cancelled</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预约凭证</source>
        <translation>Booking slip</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>事项：%1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>业务：%1</source>
        <translation>Group: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>日期：%1</source>
        <translation>Date: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>时段：%1</source>
        <translation>Time: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>地址：%1</source>
        <translation>Address: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>手机：%1</source>
        <translation>Mobile: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约号：%1</source>
        <translation>Booking no.: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>此预约已取消，不再有效。</source>
        <translation>This booking is cancelled and no longer valid.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如需办理，请重新预约或现场取号。</source>
        <translation>To be served, book again or take a ticket in the hall.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>请带齐以下材料：</source>
        <translation>Please bring all of these:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>到大厅后扫此码或刷身份证签到</source>
        <translation>In the hall, scan this code or your ID card to check in</translation>
    </message>
    <message>
        <location filename="../../app/services/booking/citizen_booking_service.cpp" line="+30"/>
        <source>zh_CN</source>
        <comment>the locale whose month and weekday names dates use</comment>
        <translation>en_GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yyyy年M月d日 dddd</source>
        <comment>QDate format: a date with its year and weekday</comment>
        <translation>ddd d MMM yyyy</translation>
    </message>
    <message>
        <location line="+198"/>
        <source>时段开始前%1分钟至开始后%2分钟内可签到</source>
        <translation>Check in from %1 minutes before to %2 minutes after the start</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n小时</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n分钟</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>如不能前来，请在时段开始%1前取消（本机“取消预约”、网上或电话均可）；未取消又未签到算爽约，一个月爽约%2次当月不能再预约。</source>
        <translation>If you cannot come, cancel at least %1 before the start (here with &quot;Cancel a booking&quot;, online or by phone). Not cancelling and not checking in is a no-show; after %2 no-shows in a month you cannot book again that month.</translation>
    </message>
</context>
<context>
    <name>TicketText</name>
    <message>
        <location filename="../../app/services/ticket/ticket_template.cpp" line="+129"/>
        <source>预约优先</source>
        <translation>Booked: served first</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>前面还有 {ahead} 人</source>
        <translation>People ahead of you: {ahead}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>预约时段 {slot}</source>
        <translation>Booked time {slot}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请备齐材料：{materials}</source>
        <translation>Please bring: {materials}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取号时间 {time}</source>
        <translation>Issued {time}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>（补打）</source>
        <translation>(reprint)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>请留意叫号，过号后30分钟内可凭此码重新排队</source>
        <translation>Listen for your number. If you miss it, this code lets you queue again within 30 minutes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请妥善保管本票，凭票办理</source>
        <translation>Keep this ticket: you need it to be served</translation>
    </message>
    <message>
        <location filename="../../app/services/ticket/ticket_composer.cpp" line="+83"/>
        <source>、</source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>hk::BookingChoiceView</name>
    <message>
        <location filename="../../ui/kiosk/booking_choice_view.cpp" line="+19"/>
        <location line="+25"/>
        <source>请点按现在要办理的一项</source>
        <translation>Tap the one you want to do now</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>%1 您好，您今天有 %2 个预约</source>
        <translation>Hello %1, you have %2 bookings today</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>已签到的，点按可再看票号、补打一次；未签到的，点按签到</source>
        <translation>Checked in: tap to see your number and reprint once. Not checked in: tap to check in</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> %1 号</source>
        <translation> No. %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · 已签到%2</source>
        <translation>%1 · checked in%2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>点按可再看票号、补打一次</source>
        <translation>Tap to see the ticket number again or reprint it once</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>点按签到，取预约优先号</source>
        <translation>Tap to check in and get a priority ticket</translation>
    </message>
</context>
<context>
    <name>hk::BookingFlowPresenter</name>
    <message>
        <location filename="../../ui/kiosk/booking_flow_presenter.cpp" line="+52"/>
        <source>zh_CN</source>
        <comment>the locale whose month and weekday names dates use</comment>
        <translation>en_GB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>M月d日 ddd</source>
        <comment>QDate format: a day in a list of days</comment>
        <translation>ddd d MMM</translation>
    </message>
    <message>
        <location line="+90"/>
        <location line="+10"/>
        <source>请把身份证放在读卡区</source>
        <translation>Please place your ID card on the reader</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>预约要用身份证确认是您本人。身份证号只发给统一预约平台，本机不保存。</source>
        <translation>Booking needs your ID card to confirm who you are. The ID number goes only to the booking service; this terminal does not keep it.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>放好后，会列出您以后的预约，点按要取消的一项。</source>
        <translation>Your coming bookings will then be listed: tap the one to cancel.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>没有读出身份证</source>
        <translation>The ID card could not be read</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请把身份证平放在读卡区，放稳不要移动；还不行请按“帮办”。</source>
        <translation>Please lay your ID card flat on the reader and keep it still; if that does not work, press &quot;Help&quot;.</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n 个可预约事项</source>
        <translation>
            <numerusform>%n service can be booked</numerusform>
            <numerusform>%n services can be booked</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 您好，要预约哪类业务？</source>
        <translation>Hello %1, what to book?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>请选择要办的事项</source>
        <translation>Please choose the service</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>办理时请带齐：</source>
        <translation>Please bring all of these:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>这个事项不需要另带材料，带好身份证即可。</source>
        <translation>Nothing else is needed for this service: just bring your ID card.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>选择日期</source>
        <translation>Choose a day</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>正在查询可预约的日期</source>
        <translation>Looking up days you can book</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+23"/>
        <location line="+171"/>
        <location line="+41"/>
        <source>请稍候……</source>
        <translation>Please wait…</translation>
    </message>
    <message>
        <location line="-224"/>
        <source>近期没有可约的时段</source>
        <translation>No free times soon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>以后几个工作日这个事项都约满了。可以过几天再来约，或今天现场取号办理。</source>
        <translation>This service is fully booked for the next working days. You can try again in a few days, or take a ticket today.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>可约 %n 个时段</source>
        <translation>
            <numerusform>%n free time</numerusform>
            <numerusform>%n free times</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择日期</source>
        <translation>Please choose a day</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>正在查询可约的时段</source>
        <translation>Looking up free times</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>这一天已约满</source>
        <translation>This day is fully booked</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请选其他日期。</source>
        <translation>Please choose another day.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+103"/>
        <source>选其他日期</source>
        <translation>Choose another day</translation>
    </message>
    <message numerus="yes">
        <location line="-97"/>
        <source>还有 %n 个名额</source>
        <translation>
            <numerusform>%n place left</numerusform>
            <numerusform>%n places left</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择时段</source>
        <translation>Please choose a time</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>请输入您的手机号码</source>
        <translation>Please enter your mobile number</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>事项：%1
日期：%2
时段：%3
手机：%4</source>
        <translation>Service: %1
Date: %2
Time: %3
Mobile: %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>
地址：%1</source>
        <translation>
Address: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请核对预约信息</source>
        <translation>Please check your booking</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>确认预约</source>
        <translation>Confirm booking</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>正在预约</source>
        <translation>Booking</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在向统一预约平台提交，请稍候……</source>
        <translation>Sending to the booking service, please wait…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>选其他时段</source>
        <translation>Choose another time</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1
%2 %3
到时请带齐材料，扫凭证上的二维码或刷身份证签到。</source>
        <translation>%1
%2 %3
On the day, bring your materials and check in by scanning the QR code on the slip or your ID card.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>预约已办成，但凭证没有打印出来（%1）。到时刷身份证就能签到。
%2 %3 %4</source>
        <translation>You are booked, but the slip was not printed (%1). On the day, check in with your ID card.
%2 %3 %4</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>预约成功</source>
        <translation>Booked</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预约成功，请取走预约凭证</source>
        <translation>Booked: please take your booking slip</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+86"/>
        <source>再试一次</source>
        <translation>Try again</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>正在查询您的预约</source>
        <translation>Looking up your bookings</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>没有查到您以后的预约</source>
        <translation>No coming bookings found</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>您在以后%1天里没有可取消的预约。刚在别处约的，请过几分钟再来查。</source>
        <translation>You have no booking to cancel in the next %1 days. If you just booked elsewhere, please check again in a few minutes.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source> · 不到%n小时，不能取消</source>
        <translation>
            <numerusform> · too late to cancel</numerusform>
            <numerusform> · too late to cancel</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 您好，要取消哪个预约？</source>
        <translation>%1: cancel which booking?</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>确认取消这个预约？</source>
        <translation>Cancel this booking?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>事项：%1
日期：%2
时段：%3
取消后名额让给别人，不能恢复。</source>
        <translation>Service: %1
Date: %2
Time: %3
Once cancelled, the place goes to someone else and cannot be restored.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认取消预约</source>
        <translation>Yes, cancel it</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>正在取消预约</source>
        <translation>Cancelling the booking</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>预约已取消</source>
        <translation>Booking cancelled</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>预约已取消，请取走取消凭证</source>
        <translation>Booking cancelled: please take your slip</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>
（凭证没有打印出来：%1）</source>
        <translation>
(The slip was not printed: %1)</translation>
    </message>
</context>
<context>
    <name>hk::GuideView</name>
    <message>
        <location filename="../../ui/kiosk/guide_view.cpp" line="+97"/>
        <location line="+138"/>
        <source>打印材料清单</source>
        <translation>Print the list</translation>
    </message>
    <message>
        <location line="-137"/>
        <location line="+139"/>
        <source>打印材料清单
在出票口取走</source>
        <translation>Print the list
take it from the ticket slot</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>上一步</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%n 个事项</source>
        <translation>
            <numerusform>%n service</numerusform>
            <numerusform>%n services</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事指南</source>
        <translation>Service guide</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请选择业务类别，查看要带哪些材料</source>
        <translation>Choose a group to see what to bring</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>材料 %n 项</source>
        <translation>
            <numerusform>%n item to bring</numerusform>
            <numerusform>%n items to bring</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source> · 可预约</source>
        <translation> · can be booked</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请选择要办理的事项</source>
        <translation>Choose the service</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%1 · 请带齐以下 %n 项材料</source>
        <translation>
            <numerusform>%1 · please bring this %n item</numerusform>
            <numerusform>%1 · please bring these %n items</numerusform>
        </translation>
    </message>
    <message>
        <location line="+57"/>
        <source>第 %1 页，共 %2 页</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>正在打印……</source>
        <translation>Printing…</translation>
    </message>
</context>
<context>
    <name>hk::HomeView</name>
    <message>
        <location filename="../../ui/kiosk/home_view.cpp" line="+85"/>
        <source>请选择要办理的业务，点按取号</source>
        <translation>Tap a service to take a ticket</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>预约</source>
        <translation>Book</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>刷身份证，约一个以后来办事的时段</source>
        <translation>Use your ID card to book a time to come later</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取消预约</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>刷身份证，取消已经约好的时段</source>
        <translation>Use your ID card to cancel a booked time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>办事指南</source>
        <translation>Guide</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>查看办事要带哪些材料，可以打印</source>
        <translation>See what to bring for a service, and print it</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>排队查询</source>
        <translation>My ticket</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>扫描排队票上的二维码，看前面还有几人</source>
        <translation>Scan the QR code on your ticket to see how many are ahead</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>无需等候</source>
        <translation>No wait</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>等候 %n 人</source>
        <translation>
            <numerusform>%n waiting</numerusform>
            <numerusform>%n waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hk::KioskWindow</name>
    <message>
        <location filename="../../ui/kiosk/kiosk_window.cpp" line="+128"/>
        <source>标准版
恢复常规字号</source>
        <translation>Standard
text size</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>长辈版
字大 看得清</source>
        <translation>Large
text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>长辈版已开启，点按恢复标准版</source>
        <translation>Large text is on; tap for standard text</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>切换到长辈版，字更大</source>
        <translation>Switch to large text</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>返回首页</source>
        <translation>Back to home</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>帮办
呼叫工作人员</source>
        <translation>Help
call staff</translation>
    </message>
    <message numerus="yes">
        <location line="+73"/>
        <source>%n 秒后自动返回首页</source>
        <translation>
            <numerusform>Home in %n second</numerusform>
            <numerusform>Home in %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>hk::MyTicketView</name>
    <message>
        <location filename="../../ui/kiosk/my_ticket_view.cpp" line="+40"/>
        <source>重新排队
回到本组队伍</source>
        <translation>Queue again
back in your queue</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>排队查询</source>
        <translation>My ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请把排队票上的二维码对准扫码口，
就能看到前面还有几人、是否已叫到您。</source>
        <translation>Hold the QR code on your ticket to the scanner
to see how many are ahead and whether you were called.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>您的号码</source>
        <translation>Your number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>您的号码 %1</source>
        <translation>Your number %1</translation>
    </message>
</context>
<context>
    <name>hk::OptionListView</name>
    <message>
        <location filename="../../ui/kiosk/option_list_view.cpp" line="+32"/>
        <location line="+78"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>下一页（%1/%2）</source>
        <translation>Next (%1/%2)</translation>
    </message>
</context>
<context>
    <name>hk::PhoneKeypadView</name>
    <message>
        <location filename="../../ui/kiosk/phone_keypad_view.cpp" line="+77"/>
        <source>清空</source>
        <translation>Clear</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>清空 全部重输</source>
        <translation>Clear: start again</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>删除 最后一位</source>
        <translation>Delete the last digit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>确认手机号</source>
        <translation>Confirm number</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>还没有输入</source>
        <translation>Nothing entered yet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>已输入 %1</source>
        <translation>Entered %1</translation>
    </message>
</context>
<context>
    <name>hk::TicketView</name>
    <message>
        <location filename="../../ui/kiosk/ticket_view.cpp" line="+64"/>
        <source>预约优先</source>
        <translation>Booked: served first</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+14"/>
        <source>补打
再打印一次</source>
        <translation>Reprint
print it again</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>正在补打……</source>
        <translation>Reprinting…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>您的号码 %1</source>
        <translation>Your number %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>预约事项：%1</source>
        <translation>Service: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>预约时段 %1</source>
        <translation>Booked time %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>前面没有人等候</source>
        <translation>Nobody ahead of you</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>前面还有 %n 人</source>
        <translation>
            <numerusform>%n person ahead of you</numerusform>
            <numerusform>%n people ahead of you</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>取号时间 %1</source>
        <translation>Issued %1</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>已补打，请取票</source>
        <translation>Reprinted: take your ticket</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>请取票</source>
        <translation>Take your ticket</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>
请备齐：%1</source>
        <translation>
Please bring: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>票从下方出票口送出，请留意大厅屏幕和语音叫号</source>
        <translation>Your ticket comes out of the slot below. Watch the hall screens and listen for your number</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>票没有打印出来
请拍照或记下号码</source>
        <translation>Ticket not printed
Note this number</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1
此号码有效，请凭号码或照片办理；可请工作人员补打</source>
        <translation>%1
Still valid. Staff can reprint it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>您已签到过，这是您的号码</source>
        <translation>Already checked in</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>票丢了可以补打一张；请留意大厅屏幕和语音叫号</source>
        <translation>Lost it? You can reprint it once. Listen for your number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>请凭此号码办理，留意大厅屏幕和语音叫号；需要帮助请按“帮办”</source>
        <translation>Listen for this number. For help, press &quot;Help&quot;</translation>
    </message>
</context>
<context>
    <name>hk::spoken</name>
    <message>
        <location filename="../../ui/kiosk/spoken_instructions.cpp" line="+38"/>
        <source>请选择要办理的业务，点按业务名称取号。预约过的，请扫预约二维码或刷身份证签到。</source>
        <translation>Choose your service and tap its name to take a ticket. If you booked, scan your booking QR code or put your ID card on the reader to check in.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>要%1，请点按屏幕中间的按钮。</source>
        <translation>To %1, tap the button in the middle of the screen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>您的号码是%1号，请留意大厅屏幕和语音叫号。</source>
        <translation>Your number is %1. Please watch the hall screens and listen for your number.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>您今天有几个预约，请点按现在要办理的一项。</source>
        <translation>You have several bookings today. Tap the one you want to do now.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>您的号码是%1号。</source>
        <translation>Your number is %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请选择要预约的业务类别，点按类别名称。</source>
        <translation>Choose the kind of service to book and tap its name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择要办的事项，点按事项名称。</source>
        <translation>Choose the matter and tap its name.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>这是办这个事项要带的材料。看好后，请点按“选择日期”。</source>
        <translation>These are the documents to bring for this matter. When you have read them, tap &quot;Choose a day&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择哪一天来办，点按日期。</source>
        <translation>Choose the day you will come, and tap it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请选择几点来办，点按时段。</source>
        <translation>Choose the time you will come, and tap it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请核对预约信息，没有问题就点按“确认预约”。</source>
        <translation>Check the booking. If it is right, tap &quot;Confirm booking&quot;.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>请点按要取消的预约。</source>
        <translation>Tap the booking you want to cancel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>确定要取消这个预约吗？确定就点按“确认取消预约”。</source>
        <translation>Do you want to cancel this booking? If so, tap &quot;Yes, cancel it&quot;.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>请用屏幕上的数字键输入您的手机号码，输好后点按“确认手机号”。</source>
        <translation>Type your mobile number on the keys on the screen, then tap &quot;Confirm number&quot;.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1秒后将自动返回首页。还要继续办理，请点一下屏幕。</source>
        <translation>Going back to the home screen in %1 seconds. To carry on, touch the screen.</translation>
    </message>
</context>
</TS>
