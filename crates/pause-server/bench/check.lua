-- wrk script: POST /api/v1/check with a typical 280-character draft (DRAFT=risky for one with
-- patient identifiers and heat). See scripts/bench-serve.sh.
local drafts = {
  typical = "Huge thanks to everyone who came to our pharmacy open day at the hospital today. " ..
    "Lovely to chat about careers, medicines safety and how we support patients on the wards. " ..
    "If you missed it, the slides are on the trust website. Proud of this team and all they do!",
  risky = "Mr Patel in bed 12 (NHS no 943 476 5919) is refusing his warfarin AGAIN!!! " ..
    "Cutbacks at our trust are putting patients at risk and management don't care. " ..
    "Sarah on ward 7 is useless. Project Falcon will sort it apparently lol",
}
local text = drafts[os.getenv("DRAFT") or "typical"]
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"text":"' .. text .. '"}'
