# feedback_ask.sh — what the complainant is sent after the resolution,
# through the intake pipeline (complaintctl ingest, the MTA's way in) and
# the outbox.  An answer to the satisfaction question that says neither
# changes nothing, reaches the officers, and the complainant is asked once
# per round of the case what they meant (event feedback_asked); a second
# unclear answer asks nothing more; a clear one is recorded as usual; a
# reopened case's new round may ask again.  A complaint from a no-reply
# address (a web form) gets no resolution mail: the history says why,
# and complaintctl show shows it.
. "$TOP/tests/integration/lib.sh"

conf_write "smtp = { url = \"smtp://127.0.0.1:2525\"; tls = \"none\";
  from = \"pengaduan@smkn1.sch.id\"; reply_to = \"pengaduan@smkn1.sch.id\"; };"
SRI=sri.wahyuni78@gmail.com
ingest_mail "$TOP/tests/data/mail/01-plain-id.eml"
ref=$(sq "SELECT reference FROM complaint ORDER BY id LIMIT 1")
asked() { sq "SELECT count(*) FROM outbox WHERE kind = 'feedback-unclear'"; }

# answer N TEXT: the complainant's reply to the latest resolution mail
answer() {
	local id to
	id=$(sq "SELECT rfc_message_id FROM outbox WHERE kind = 'resolution' ORDER BY id DESC LIMIT 1")
	to=$(sq "SELECT reply_to FROM outbox WHERE kind = 'resolution' ORDER BY id DESC LIMIT 1")
	cat > "$WORK/answer$1.eml" <<EOF
From: Sri Wahyuni <$SRI>
To: $to
Subject: Re: [$ref] Jawaban atas pengaduan Anda
Message-ID: <feedback-ask-$1@mail.gmail.com>
In-Reply-To: <$id>
References: <$id>
Date: Tue, 24 Nov 2026 08:0$1:00 +0700

$2
EOF
	complaintctl ingest --quiet < "$WORK/answer$1.eml"
}

complaintctl resolve "$ref" --message "Nilai rapor sudah diperbaiki." >/dev/null
answer 1 "Puas sih, tapi AC masih agak panas"
is "$(sq "SELECT status FROM complaint WHERE reference = '$ref'")" resolved \
	"an unclear answer leaves the case resolved"
is "$(sq "SELECT channel || ' ' || recipient FROM outbox WHERE kind = 'feedback-unclear'")" "email $SRI" \
	"... the complainant is asked what they meant, at the case's address"
like "$(sq "SELECT subject FROM outbox WHERE kind = 'feedback-unclear'")" "^\\[$ref\\] Mohon maaf, apakah Anda puas" \
	"... politely, in their language"
is "$(sq "SELECT in_reply_to FROM outbox WHERE kind = 'feedback-unclear'")" "feedback-ask-1@mail.gmail.com" \
	"... under their reply"
is "$(sq "SELECT count(*) FROM event e JOIN complaint c ON c.id = e.complaint_id WHERE c.reference = '$ref' AND e.kind = 'feedback_asked'")" 1 \
	"... the history says so (feedback_asked)"
is "$(sq "SELECT count(*) FROM outbox WHERE kind = 'followup' AND body LIKE '%AC masih agak panas%'")" 1 \
	"... and the officer sees the answer"
like "$(complaintctl show "$ref")" "feedback_asked" "complaintctl show lists it"

answer 2 "Terima kasih atas infonya"
is "$(asked)" 1 "a second unclear answer in the same round asks nothing more"
is "$(sq "SELECT count(*) FROM timer_fired WHERE kind = 'feedback_asked'")" 1 \
	"... (one key for the round)"

answer 3 "Tidak puas, nilainya masih salah"
is "$(sq "SELECT status FROM complaint WHERE reference = '$ref'")" reopened \
	"a clear 'not satisfied' afterwards reopens the case as usual"
complaintctl resolve "$ref" --message "Nilai sudah dicek ulang dan diperbaiki." >/dev/null
answer 4 "Oke deh, nanti saya cek lagi"
is "$(asked)" 2 "the reopened case's new round asks once more"
answer 5 "Puas, terima kasih"
is "$(sq "SELECT status || ' ' || satisfaction FROM complaint WHERE reference = '$ref'")" "closed satisfied" \
	"... and a clear answer closes it"

# ---- a complainant who cannot read replies ----
ingest_mail "$TOP/tests/data/mail/40-noreply-webform.eml"
ref2=$(sq "SELECT reference FROM complaint ORDER BY id DESC LIMIT 1")
complaintctl resolve "$ref2" --message "Sudah kami tindak lanjuti." >/dev/null
is "$(sq "SELECT status FROM complaint WHERE reference = '$ref2'")" resolved \
	"a web form's complaint is resolved"
is "$(sq "SELECT count(*) FROM outbox o JOIN complaint c ON c.id = o.complaint_id WHERE c.reference = '$ref2' AND o.kind = 'resolution'")" 0 \
	"... but no resolution is queued to its no-reply address"
like "$(sq "SELECT e.detail FROM event e JOIN complaint c ON c.id = e.complaint_id WHERE c.reference = '$ref2' AND e.kind = 'undeliverable'")" \
	"^resolution not sent: no-reply@webform\\.smkn1-contoh\\.net is a no-reply address, nobody reads it\$" \
	"... the history says why"
like "$(complaintctl show "$ref2")" "resolution not sent: no-reply@webform\\.smkn1-contoh\\.net is a no-reply address" \
	"... and complaintctl show shows it"
done_testing
